namespace DriftWatch.Cli.Hosting;

/// <summary>A command's logger, or, when its logging settings are bad, the problems that name them.</summary>
internal sealed record LoggerStart(Serilog.Core.Logger? Logger, IReadOnlyList<string> Problems)
{
    /// <summary>A logger ready to use.</summary>
    public static LoggerStart Of(Serilog.Core.Logger logger) => new(logger, []);

    /// <summary>No logger: the settings are bad.</summary>
    public static LoggerStart Refused(IReadOnlyList<string> problems) => new(null, problems);
}
