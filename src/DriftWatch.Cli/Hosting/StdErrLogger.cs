using System.Globalization;
using DriftWatch.Core.Text;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// One category's log lines, "[HH:mm:ss WRN] message", then the exception: the shape the one-shot commands printed
/// when they logged through Serilog's console sink. Logged values can come from AWS or an attacker (trail names, error
/// text), so control and format characters are written as \uXXXX: nothing reaches the terminal that it would act on,
/// and no value starts a line of its own (an exception's lines are indented).
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
            $"[{clock.GetLocalNow():HH:mm:ss} {Abbreviation(logLevel)}] {InertText.Of(formatter(state, exception), int.MaxValue)}");
        lock (Writing)
        {
            output.WriteLine(line);
            if (exception is not null)
            {
                // Its stack trace keeps its lines, each inert and indented: a line break in its message cannot start
                // what looks like an entry of its own.
                foreach (var exceptionLine in exception.ToString().Split('\n'))
                {
                    output.WriteLine("  " + InertText.Of(exceptionLine.TrimEnd('\r'), int.MaxValue));
                }
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
