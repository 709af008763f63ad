using System.Globalization;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// One category's log lines, "[HH:mm:ss WRN] message", then the exception: the shape the one-shot commands printed
/// when they logged through Serilog's console sink.
/// </summary>
internal sealed class StdErrLogger(LogLevel minimum, TimeProvider clock, TextWriter output) : ILogger
{
    // Entries from concurrent AWS calls must not interleave within a line.
    private static readonly Lock Writing = new();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{clock.GetLocalNow():HH:mm:ss} {Abbreviation(logLevel)}] {formatter(state, exception)}");
        lock (Writing)
        {
            output.WriteLine(line);
            if (exception is not null)
            {
                output.WriteLine(exception);
            }
        }
    }

    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "VRB",
        LogLevel.Debug => "DBG",
        LogLevel.Information => "INF",
        LogLevel.Warning => "WRN",
        LogLevel.Error => "ERR",
        _ => "FTL",
    };
}
