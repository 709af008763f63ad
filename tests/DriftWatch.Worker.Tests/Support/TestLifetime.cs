using Microsoft.Extensions.Hosting;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>A host lifetime for unit tests: started, and stopping only when the test says so.</summary>
public sealed class TestLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <inheritdoc />
    public CancellationToken ApplicationStarted => new(canceled: true);

    /// <inheritdoc />
    public CancellationToken ApplicationStopping => _stopping.Token;

    /// <inheritdoc />
    public CancellationToken ApplicationStopped => CancellationToken.None;

    /// <inheritdoc />
    public void StopApplication() => _stopping.Cancel();

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();
}
