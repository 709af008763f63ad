using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// The one-shot commands' log: every level to stderr (stdout belongs to the result), one line per entry. Our own
/// rather than Serilog: Serilog's capture of structured values reflects on types the Native AOT binary may have trimmed,
/// and it is the one-shot commands that are published AOT. The worker (`watch`) keeps Serilog (Watch/WorkerLogging.cs).
/// </summary>
internal sealed class StdErrLoggerProvider(Func<string, LogLevel> minimumFor, TimeProvider clock, TextWriter output) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, StdErrLogger> loggers = new(StringComparer.Ordinal);

    /// <summary>Writes to Console.Error.</summary>
    public StdErrLoggerProvider(Func<string, LogLevel> minimumFor)
        : this(minimumFor, TimeProvider.System, Console.Error)
    {
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        loggers.GetOrAdd(categoryName, category => new StdErrLogger(minimumFor(category), clock, output));

    /// <inheritdoc />
    public void Dispose() => output.Flush();
}
