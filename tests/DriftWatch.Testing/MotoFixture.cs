using Xunit;

namespace DriftWatch.Testing;

/// <summary>
/// xunit collection fixture: one moto for every test class in the "moto" collection. Tests in that collection run one
/// at a time and reset moto first, so none sees another's trails.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    /// <summary>The running moto.</summary>
    public MotoServer Server => _server ?? throw new InvalidOperationException("moto has not started");

    /// <summary>Shortcut for Server.Endpoint.</summary>
    public Uri Endpoint => Server.Endpoint;

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await MotoServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
