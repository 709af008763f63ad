using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// Serilog for the one-shot commands: every level goes to stderr, because stdout belongs to the result (a JSON
/// document must stay parseable). Warning by default, Debug with --verbose; a "Serilog" configuration section can
/// refine it.
/// </summary>
internal static class CliLogging
{
    /// <summary>The configuration section that refines the one-shot commands' logging (Serilog.Settings.Configuration).</summary>
    public const string SectionName = "Serilog";

    /// <summary>The logging of a one-shot command.</summary>
    public static Func<IConfiguration, LoggerStart> OneShot(bool verbose) => configuration => LoggerStart.Of(Create(configuration, verbose));

    /// <summary>Creates the logger.</summary>
    public static Serilog.Core.Logger Create(IConfiguration configuration, bool verbose)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Warning();

        // Only when there is a section to read: ReadFrom.Configuration scans the application's assemblies for sinks and
        // binds by reflection even for none, ~30 ms of a cold `check`, half of it net of the binder's first use.
        if (configuration.GetSection(SectionName).Exists())
        {
            logger.ReadFrom.Configuration(configuration);
        }

        if (verbose)
        {
            logger.MinimumLevel.Debug();
        }

        return logger
            .WriteTo.Console(
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: CultureInfo.InvariantCulture,
                theme: Console.IsErrorRedirected ? ConsoleTheme.None : AnsiConsoleTheme.Code)
            .CreateLogger();
    }
}
