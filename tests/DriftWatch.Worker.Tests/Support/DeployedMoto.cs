using DriftWatch.Testing;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>One moto for the assembly with infra/ deployed once; each test cleans what it changed via <see cref="World"/>.</summary>
public sealed class DeployedMoto : IAsyncLifetime
{
    private MotoServer? _server;

    /// <summary>The moto endpoint.</summary>
    public Uri Endpoint => (_server ?? throw new InvalidOperationException("moto has not started")).Endpoint;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
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

/// <summary>Tests that share the deployed moto run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DeployedMotoCollection : ICollectionFixture<DeployedMoto>
{
    /// <summary>The collection name.</summary>
    public const string Name = "deployed moto";
}
