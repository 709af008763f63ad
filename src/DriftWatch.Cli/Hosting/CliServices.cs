using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

namespace DriftWatch.Cli.Hosting;

/// <summary>
/// The one-shot commands' services: configuration, Serilog and what the command registers (the AWS clients, DriftWatch's
/// records). A plain container rather than a generic host, whose console lifetime would take Ctrl+C away from
/// System.CommandLine's cancellation token.
/// </summary>
internal static class CliServices
{
    /// <summary>Builds the container and runs the options' start-up validation; throws OptionsValidationException listing every bad setting.</summary>
    public static ServiceProvider Build(IConfiguration configuration, Serilog.ILogger logger, Action<IServiceCollection, IConfiguration> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.AddSerilog(logger));
        services.AddSingleton(TimeProvider.System);
        register(services, configuration);

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
