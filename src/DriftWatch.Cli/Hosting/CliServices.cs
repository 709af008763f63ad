using DriftWatch.Aws;
using DriftWatch.Cli.Check;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// The CLI's services: configuration, Serilog, the AWS clients and the command handlers. A plain container rather
/// than a generic host, whose console lifetime would take Ctrl+C away from System.CommandLine's cancellation token.
/// </summary>
internal static class CliServices
{
    /// <summary>Builds the container and runs the options' start-up validation; throws OptionsValidationException listing every bad setting.</summary>
    public static ServiceProvider Build(IConfiguration configuration, Serilog.ILogger logger)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.AddSerilog(logger));
        services.AddSingleton(TimeProvider.System);
        services.AddDriftWatchAws(configuration);
        services.AddTransient<CheckHandler>();

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            // What a host does at start for ValidateOnStart(): a bad setting fails before any AWS call.
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return provider;
    }
}
