using Amazon.Runtime;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.SecurityHub;
using DriftWatch.Aws.Snapshots;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Aws;

/// <summary>Registers DriftWatch's AWS clients, the per-account clients, the snapshot reader and the caller identity.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AwsClientOptions"/> from DriftWatch:Aws (validated at start) and registers the clients. They sign
    /// with an <see cref="AWSCredentials"/> registered in the container when there is one (tests against an emulator,
    /// without touching the process environment), else with the SDK default credential chain.
    /// </summary>
    public static IServiceCollection AddDriftWatchAws(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AwsClientOptions>()
            .Bind(configuration.GetSection(AwsClientOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<AccountsOptions>()
            .Bind(configuration.GetSection(AccountsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => AwsClients.Create(
            sp.GetRequiredService<IOptions<AwsClientOptions>>().Value,
            sp.GetService<AWSCredentials>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<IOptions<AccountsOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClients>().ApiCalls);
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClients>().Regions);
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClients>().CloudTrail);
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClients>().EventBridge);
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClients>().Identity);
        // Every account is read as itself (own credentials or its role), org trails completed from the management account.
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClients>().AccountReader);
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClients>().Accounts);
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClients>().Organization);
        services.TryAddSingleton<ISecurityHubClient>(SecurityHubClient.Create);
        return services;
    }
}
