using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// What a command asks of <see cref="CliHost"/>: its services (the one thing every command names), and where it
/// differs from a one-shot command's defaults.
/// </summary>
internal sealed record CommandStartup(Action<IServiceCollection, IConfiguration> Register)
{
    /// <summary>Settings from the command line as --Section:Key=value (watch); anything else there is refused.</summary>
    public IReadOnlyList<string> SettingArguments { get; init; } = [];

    /// <summary>Settings the command's own options decide (check --region sets DriftWatch:Aws:Region); they win.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>The logger for the command, or the bad logging settings that prevent one.</summary>
    public Func<IConfiguration, LoggerStart> Logging { get; init; } = CliLogging.OneShot(verbose: false);

    /// <summary>Said after "No AWS region: …" when the command has its own way to give one.</summary>
    public string RegionHint { get; init; } = "";
}
