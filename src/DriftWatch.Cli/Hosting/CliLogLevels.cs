using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// The levels a "Serilog" configuration section sets for the one-shot commands, by Serilog's level names as before:
/// Serilog:MinimumLevel (or Serilog:MinimumLevel:Default) and Serilog:MinimumLevel:Override:Category. Read here, not
/// by Serilog.Settings.Configuration, which finds sinks by reflection and cannot run in the Native AOT binary; sinks
/// and enrichers are not configurable (the output is stderr, always).
/// </summary>
internal sealed record CliLogLevels(LogLevel? Default, IReadOnlyDictionary<string, LogLevel> Overrides)
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Serilog";

    private static readonly Dictionary<string, LogLevel> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Verbose"] = LogLevel.Trace,
        ["Debug"] = LogLevel.Debug,
        ["Information"] = LogLevel.Information,
        ["Warning"] = LogLevel.Warning,
        ["Error"] = LogLevel.Error,
        ["Fatal"] = LogLevel.Critical,
    };

    /// <summary>The levels the section sets, or the keys whose value is not a level.</summary>
    public static (CliLogLevels Levels, IReadOnlyList<string> Problems) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var minimum = configuration.GetSection($"{SectionName}:MinimumLevel");
        var defaultLevel = minimum.Value is { } plain ? Level(minimum.Path, plain, problems)
            : minimum["Default"] is { } named ? Level($"{minimum.Path}:Default", named, problems)
            : null;
        var overrides = new Dictionary<string, LogLevel>(StringComparer.Ordinal);
        foreach (var category in minimum.GetSection("Override").GetChildren())
        {
            if (Level(category.Path, category.Value ?? "", problems) is { } level)
            {
                overrides[category.Key] = level;
            }
        }

        return (new CliLogLevels(defaultLevel, overrides), problems);
    }

    /// <summary>The lowest level logged for <paramref name="category"/>: its longest matching override, else <paramref name="fallback"/>.</summary>
    public LogLevel For(string category, LogLevel fallback) =>
        Overrides
            .Where(o => category == o.Key || category.StartsWith(o.Key + ".", StringComparison.Ordinal))
            .OrderByDescending(o => o.Key.Length)
            .Select(o => (LogLevel?)o.Value)
            .FirstOrDefault() ?? fallback;

    // The value is never echoed (no setting's value ever is): it may be anything the environment held.
    private static LogLevel? Level(string key, string value, List<string> problems)
    {
        if (Names.TryGetValue(value, out var level))
        {
            return level;
        }

        problems.Add($"{key}: not a level (Verbose, Debug, Information, Warning, Error, Fatal)");
        return null;
    }
}
