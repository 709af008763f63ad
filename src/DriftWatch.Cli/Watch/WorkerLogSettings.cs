using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace DriftWatch.Cli.Watch;

/// <summary>
/// How the worker logs: DriftWatch:Logging:Format (text, or json for compact JSON lines) and DriftWatch:Logging:Level
/// (Verbose, Debug, Information, Warning, Error, Fatal). Read before the host exists, because the logger is made first.
/// </summary>
internal sealed record WorkerLogSettings(bool Json, LogEventLevel Level)
{
    /// <summary>Key of the output format.</summary>
    public const string FormatKey = "DriftWatch:Logging:Format";

    /// <summary>Key of the minimum level.</summary>
    public const string LevelKey = "DriftWatch:Logging:Level";

    /// <summary>Reads both settings; problems name the setting, since a value may be anything the environment held.</summary>
    public static (WorkerLogSettings Settings, IReadOnlyList<string> Problems) Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var format = configuration[FormatKey];
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        if (!json && !string.IsNullOrEmpty(format) && !string.Equals(format, "text", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{FormatKey}: must be text or json");
        }

        var level = LogEventLevel.Information;
        if (configuration[LevelKey] is { Length: > 0 } text
            && !(Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level)))
        {
            problems.Add($"{LevelKey}: must be one of Verbose, Debug, Information, Warning, Error, Fatal");
            level = LogEventLevel.Information;
        }

        return (new WorkerLogSettings(json, level), problems);
    }
}
