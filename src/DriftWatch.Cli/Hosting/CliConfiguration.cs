using Microsoft.Extensions.Configuration;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// Every command's settings, later sources winning: an optional appsettings.json beside the executable, environment
/// variables (DriftWatch__Check__ExceptionsFile sets DriftWatch:Check:ExceptionsFile; AWS_ENDPOINT_URL keeps its
/// name), --Section:Key=value arguments, then what the command's own options say (check --region).
/// </summary>
internal static class CliConfiguration
{
    /// <summary>Key of the exceptions file used when --exceptions is not given.</summary>
    public const string ExceptionsFileKey = "DriftWatch:Check:ExceptionsFile";

    /// <summary>Key of the AWS clients' default region (read by AddDriftWatchAws).</summary>
    public const string RegionKey = "DriftWatch:Aws:Region";

    /// <summary>Adds the sources in order of precedence, lowest first.</summary>
    public static void Add(IConfigurationBuilder configuration, string[] settingArguments, IReadOnlyDictionary<string, string?> overrides) =>
        configuration
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settingArguments)
            .AddInMemoryCollection(overrides);
}
