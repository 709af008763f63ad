using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.Destinations;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Organizations;
using DriftWatch.Aws.SecurityHub;
using DriftWatch.Aws.Snapshots;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace DriftWatch.Aws;

/// <summary>
/// Registers every AWS piece DriftWatch uses, each with TryAdd: register your own before this call (a fake
/// <see cref="ICloudTrailClient"/>, another <see cref="TimeProvider"/>) and everything that uses it gets yours.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AwsClientOptions"/> (DriftWatch:Aws), <see cref="AccountsOptions"/> (DriftWatch:Accounts) and
    /// <see cref="DestinationOptions"/> (DriftWatch:Evaluation), validated at start, and registers the clients. They
    /// sign with an <see cref="AWSCredentials"/> registered in the container when there is one (tests against an
    /// emulator, without touching the process environment), else with the SDK default credential chain.
    /// AWS_ENDPOINT_URL(_SERVICE) are read from <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddDriftWatchAws(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ValidatedBy<AwsClientOptions, AwsClientOptionsValidator>(
            services.AddOptions<AwsClientOptions>().Bind(configuration.GetSection(AwsClientOptions.Section)), AwsClientOptions.Section);
        ValidatedBy<AccountsOptions, AccountsOptionsValidator>(
            services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.Section)), AccountsOptions.Section);
        ValidatedBy<DestinationOptions, DestinationOptionsValidator>(
            services.AddOptions<DestinationOptions>().Bind(configuration.GetSection(DestinationOptions.Section)), DestinationOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiCallCounter>();
        services.TryAddSingleton(sp => new AwsRegionResolver(sp.GetRequiredService<IOptions<AwsClientOptions>>().Value.Region));

        // Every Polly pipeline in the process (AWS calls, the queue's receive, commit races, the webhook) keeps Polly's
        // metrics but not its log lines: those print each execution's result verbatim (AWS replies, a receive's message
        // bodies and receipt handles) at Information, twice per call. Each pipeline logs its own retries and failures.
        services.PostConfigure<TelemetryOptions>(telemetry => telemetry.LoggerFactory = NullLoggerFactory.Instance);

        AddSignedCaller(services, configuration);
        AddAccounts(services);
        AddDestinations(services);

        services.TryAddSingleton<ICloudTrailClient, CloudTrailClient>();
        services.TryAddSingleton<IEventBridgeClient, EventBridgeClient>();
        services.TryAddSingleton<IOrganizationsClient, OrganizationsClient>();
        services.TryAddSingleton<OrganizationDirectory>();
        services.TryAddSingleton<AccountSnapshotReader>();
        // Every account is read as itself (own credentials or its role), org trails completed from the management account.
        services.TryAddSingleton<IAccountSnapshotReader, MultiAccountSnapshotReader>();
        services.TryAddSingleton<ISecurityHubClient>(SecurityHubClient.Create);
        return services;
    }

    // Bound by code the configuration binding generator writes (EnableConfigurationBindingGenerator; it needs each Bind
    // call written out, not in a generic helper) and validated by the [OptionsValidator] source generator: the rules of
    // ValidateDataAnnotations, without reflection at start.
    // The validator is registered as an instance: a type the container constructs by reflection loses its constructor
    // to trimming (a Native AOT publish then fails at start). The SettingsCheck lets the CLI name a bad key by its section.
    private static void ValidatedBy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TValidator>(
        OptionsBuilder<TOptions> options, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        options.ValidateOnStart();
        options.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new TValidator()));
        options.Services.AddSettingsCheck<TOptions>(section);
    }

    // The one HTTP pipeline: connection pool, endpoints, signing, credentials, retries, call counting.
    private static void AddSignedCaller(IServiceCollection services, IConfiguration configuration)
    {
        // Timeouts are the resilience pipeline's, per attempt and per call; no request lines in the log.
        services.AddHttpClient(Json11Client.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.TryAddSingleton(sp => new EndpointResolver(sp.GetRequiredService<IOptions<AwsClientOptions>>(), configuration));
        services.TryAddSingleton(sp => new AwsCredentialsSource(sp.GetService<AWSCredentials>()));
        services.TryAddSingleton<SigV4Signer>();
        services.AddResiliencePipeline(AwsCallPipeline.Name, (builder, context) =>
        {
            AwsCallPipeline.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<AwsClientOptions>>().Value,
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Json11Client).FullName!));
        });
        services.TryAddSingleton<Json11Client>();
    }

    // A trail's bucket and key, read with the SDK's S3 and KMS clients as the trail's owner, counted like every other call.
    private static void AddDestinations(IServiceCollection services)
    {
        services.TryAddTransient<CountingHandler>();
        services.AddHttpClient(CountingHttpClientFactory.Name, http => http.Timeout = TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler<CountingHandler>()
            .RemoveAllLoggers();
        services.TryAddSingleton<CountingHttpClientFactory>();
        services.TryAddSingleton<DestinationSdkClients>();
        services.TryAddSingleton<IBucketClient, BucketClient>();
        services.TryAddSingleton<IKeyClient, KeyClient>();
        services.TryAddSingleton<DestinationReader>();
        services.TryAddSingleton<DestinationCache>();
        services.TryAddSingleton<TrailDestinations>();
    }

    // Reading other accounts: their rate budget, their role sessions, and the caller that signs as them.
    private static void AddAccounts(IServiceCollection services)
    {
        services.TryAddSingleton<StsAccountIdentity>();
        services.TryAddSingleton<IAccountIdentity>(sp => new CachedAccountIdentity(sp.GetRequiredService<StsAccountIdentity>()));
        services.TryAddSingleton(sp => new CloudTrailRateLimiter(
            sp.GetRequiredService<IOptions<AccountsOptions>>().Value.CloudTrailRequestsPerSecond,
            sp.GetRequiredService<TimeProvider>(),
            // The shared budget lives with the tables (DriftWatch.Records registers it); off unless asked for.
            sp.GetRequiredService<IOptions<AccountsOptions>>().Value.SharedCloudTrailBudget ? sp.GetService<ISharedCallBudget>() : null));
        services.TryAddSingleton<IRoleAssumer, StsRoleAssumer>();
        services.TryAddSingleton(sp => new AssumedRoleSessions(
            sp.GetRequiredService<IRoleAssumer>(),
            sp.GetRequiredService<IOptions<AccountsOptions>>(),
            sp.GetRequiredService<AwsRegionResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AssumedRoleSessions>>()));
        services.TryAddSingleton<AccountCaller>();
    }
}
