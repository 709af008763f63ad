using System.Globalization;
using DriftWatch.Cli.Hosting;
using DriftWatch.Sinks;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;
using Serilog.Sinks.SystemConsole.Themes;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// Serilog for `driftwatch watch`, on stderr. stdout stays reserved for results, as in every other command, so a
/// wrapper can capture the two apart; containers, systemd and ECS collect stderr just the same.
/// </summary>
internal static class WorkerLogging
{
    private const string TextTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The worker's logging as DriftWatch:Logging says, or the problems with those settings.</summary>
    public static LoggerStart FromSettings(IConfiguration configuration)
    {
        var (settings, problems) = WorkerLogSettings.Read(configuration);
        return problems.Count > 0 ? LoggerStart.Refused(problems) : LoggerStart.Of(new SerilogLoggerProvider(Create(settings), dispose: true));
    }

    /// <summary>Creates the worker's logger.</summary>
    public static Serilog.Core.Logger Create(WorkerLogSettings settings)
    {
        var chatty = settings.Level < LogEventLevel.Information ? settings.Level : LogEventLevel.Warning;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Level)
            .MinimumLevel.Override("Microsoft", chatty)
            .MinimumLevel.Override("System", chatty)
            .MinimumLevel.Override("MassTransit", chatty)
            // Request lines name the URL, and the webhook's URL may carry a token in its path: never below Warning.
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            // No log call destructures options; should one ever do so, the webhook's URL and secret still stay out.
            .Destructure.ByTransforming<WebhookOptions>(o => new { o.Enabled, o.Timeout, o.Attempts })
            .Enrich.FromLogContext();

        return (settings.Json
                ? logger.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
                : logger.WriteTo.Console(
                    outputTemplate: TextTemplate,
                    standardErrorFromLevel: LogEventLevel.Verbose,
                    formatProvider: CultureInfo.InvariantCulture,
                    theme: Console.IsErrorRedirected ? ConsoleTheme.None : AnsiConsoleTheme.Code))
            .CreateLogger();
    }
}
