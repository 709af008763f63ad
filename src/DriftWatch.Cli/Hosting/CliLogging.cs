using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// The one-shot commands' logging: to stderr (<see cref="StdErrLoggerProvider"/>), because stdout belongs to the
/// result (a JSON document must stay parseable). Warning by default, Debug with --verbose; a "Serilog" configuration
/// section can set the levels (<see cref="CliLogLevels"/>).
/// </summary>
internal static class CliLogging
{
    /// <summary>The logging of a one-shot command, or the bad level settings that prevent it.</summary>
    public static Func<IConfiguration, LoggerStart> OneShot(bool verbose) => configuration =>
    {
        var (levels, problems) = CliLogLevels.Read(configuration);
        return problems.Count > 0 ? LoggerStart.Refused(problems) : LoggerStart.Of(Create(levels, verbose));
    };

    /// <summary>The provider: --verbose means Debug for every category, whatever the section says.</summary>
    public static StdErrLoggerProvider Create(CliLogLevels levels, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var fallback = levels.Default ?? LogLevel.Warning;
        return new StdErrLoggerProvider(category => verbose ? LogLevel.Debug : levels.For(category, fallback));
    }
}
