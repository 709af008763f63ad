namespace DriftWatch.Worker.Tests.Deployment;

/// <summary>A moto of the test class's own, with the central and regional stacks deployed by infra/deploy.sh.</summary>
public sealed class CentralStackInMoto : IAsyncLifetime
{
    private MotoServer? _server;

    /// <summary>The aws CLI and deploy.sh pointed at this moto.</summary>
    public AwsCli Aws => new((_server ?? throw new InvalidOperationException("moto has not started")).Endpoint);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await MotoServer.StartAsync();
        await StackDeployment.DeployAsync(_server.Endpoint);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
