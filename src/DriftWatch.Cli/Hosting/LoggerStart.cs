using Microsoft.Extensions.Logging;

namespace DriftWatch.Cli.Hosting;

/// <summary>A command's log (the one provider its host logs to), or, when its logging settings are bad, the problems that name them.</summary>
internal sealed record LoggerStart(ILoggerProvider? Provider, IReadOnlyList<string> Problems)
{
    /// <summary>A log ready to use.</summary>
    public static LoggerStart Of(ILoggerProvider provider) => new(provider, []);

    /// <summary>No log: the settings are bad.</summary>
    public static LoggerStart Refused(IReadOnlyList<string> problems) => new(null, problems);
}
