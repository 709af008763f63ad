using Microsoft.Extensions.Configuration;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// The CLI's settings: an optional appsettings.json beside the executable, then environment variables
/// (DriftWatch__Check__ExceptionsFile sets DriftWatch:Check:ExceptionsFile), then what the command line says;
/// later sources win.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>Key of the exceptions file used when --exceptions is not given.</summary>
    public const string ExceptionsFileKey = "DriftWatch:Check:ExceptionsFile";

    /// <summary>Key of the AWS clients' default region (read by AddDriftWatchAws).</summary>
    public const string RegionKey = "DriftWatch:Aws:Region";

    /// <summary>Reads the configuration sources; fromCommandLine holds the settings options override.</summary>
    public static IConfiguration Build(IReadOnlyDictionary<string, string?> fromCommandLine) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(fromCommandLine)
        .Build();
}
