using Microsoft.Extensions.Hosting;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM to System.CommandLine, whose cancellation token stops the host.
/// The default console lifetime would register a second handler for the same signals, and the two would race.
/// </summary>
internal sealed class SignalsFromCommandLine : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
