using System.ComponentModel.DataAnnotations;
using Amazon.Runtime;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Organizations;
using DriftWatch.Aws.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriftWatch.Aws;

/// <summary>
/// Every AWS client DriftWatch uses, wired together without a container (CLI, tests, benchmarks); the DI extension
/// builds one of these too, so both paths share one wiring. Owns the HTTP connection pool.
/// </summary>
public sealed class AwsClients : IDisposable
{
    private readonly HttpClient _http;

    private AwsClients(
        AwsClientOptions options,
        AccountsOptions accounts,
        AWSCredentials? credentials,
        TimeProvider time,
        ILoggerFactory loggers,
        HttpMessageHandler? handler,
        Func<string, string?>? environment,
        Func<double>? random)
    {
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        Validator.ValidateObject(accounts, new ValidationContext(accounts), validateAllProperties: true);
        Options = options;
        // Timeouts are enforced per attempt by the caller, so the pool-level timeout is off.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Regions = new AwsRegionResolver(options.Region);
        var credentialSource = new AwsCredentialsSource(credentials);
        var endpoints = environment is null
            ? EndpointResolver.FromProcess(options.EndpointUrl)
            : new EndpointResolver(options.EndpointUrl, environment);
        var backoff = new BackoffPolicy(options, random);
        var signer = new SigV4Signer();
        Json11Client NewJson(AwsCredentialsSource source, RequestGate? gate) => new(
            _http, signer, source, endpoints, Regions, backoff, ApiCalls, time, loggers.CreateLogger<Json11Client>(), gate);
        Json = NewJson(credentialSource, null);
        CloudTrail = new CloudTrailClient(Json);
        EventBridge = new EventBridgeClient(Json);
        Identity = new CachedAccountIdentity(new StsAccountIdentity(Json));
        SnapshotReader = new AccountSnapshotReader(CloudTrail, ApiCalls, time, loggers.CreateLogger<AccountSnapshotReader>());

        RateLimiter = new CloudTrailRateLimiter(accounts.CloudTrailRequestsPerSecond, time);
        Sessions = new AssumedRoleSessions(
            new StsRoleAssumer(credentialSource, Regions, options, ApiCalls), accounts, Regions, time, loggers.CreateLogger<AssumedRoleSessions>());
        var factory = new AccountClientFactory(
            (source, gate) => NewJson(source, gate), credentialSource, Identity, Sessions, RateLimiter, Regions, ApiCalls, time, loggers);
        Accounts = factory;
        var organizations = accounts.ManagementAccountId is { } management
            ? factory.For(management).Organizations
            : new OrganizationsClient(Json, Regions);
        Organization = new OrganizationDirectory(
            organizations, accounts.Organization.AccountListMaxAge, time, loggers.CreateLogger<OrganizationDirectory>());
        AccountReader = new MultiAccountSnapshotReader(
            factory, Identity, Organization, accounts, time, loggers.CreateLogger<MultiAccountSnapshotReader>());
    }

    /// <summary>The validated options the clients run with.</summary>
    public AwsClientOptions Options { get; }

    /// <summary>Counts every HTTP call the clients make.</summary>
    public ApiCallCounter ApiCalls { get; } = new();

    /// <summary>Region defaults: configured, else the SDK chain.</summary>
    public AwsRegionResolver Regions { get; }

    /// <summary>CloudTrail reads.</summary>
    public ICloudTrailClient CloudTrail { get; }

    /// <summary>EventBridge PutEvents.</summary>
    public IEventBridgeClient EventBridge { get; }

    /// <summary>The caller's account id via STS.</summary>
    public IAccountIdentity Identity { get; }

    /// <summary>The account snapshot reader over <see cref="CloudTrail"/>: the caller's credentials, whatever account it is asked for.</summary>
    public IAccountSnapshotReader SnapshotReader { get; }

    /// <summary>Per-account clients: the caller's own account as itself, any other through its DriftWatchReader role.</summary>
    public IAccountClients Accounts { get; }

    /// <summary>
    /// Reads any account as that account, completing a member's organization trails from the management account:
    /// what the worker and <c>driftwatch check --account</c> use.
    /// </summary>
    public IAccountSnapshotReader AccountReader { get; }

    /// <summary>The organization's accounts (ListAccounts, cached).</summary>
    public OrganizationDirectory Organization { get; }

    /// <summary>The per-(account, region) CloudTrail call limit every per-account client passes.</summary>
    public CloudTrailRateLimiter RateLimiter { get; }

    /// <summary>STS AssumeRole calls made so far: one per account and session lifetime when the cache works.</summary>
    public int AssumeRoleCalls => Sessions.AssumeRoleCalls;

    internal AssumedRoleSessions Sessions { get; }

    internal Json11Client Json { get; }

    /// <summary>
    /// Builds the clients. Credentials default to the SDK chain (env, profile, SSO, container, instance role); pass
    /// explicit ones for an emulator. Options are validated and a bad value throws <see cref="ValidationException"/>.
    /// </summary>
    public static AwsClients Create(
        AwsClientOptions options,
        AWSCredentials? credentials = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        AccountsOptions? accounts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AwsClients(
            options, accounts ?? new AccountsOptions(), credentials, timeProvider ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance, null, null, null);
    }

    /// <summary>Test seam: a fake HTTP handler, environment and jitter source.</summary>
    internal static AwsClients CreateForTests(
        AwsClientOptions options,
        AWSCredentials credentials,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? handler = null,
        Func<string, string?>? environment = null,
        Func<double>? random = null,
        AccountsOptions? accounts = null) =>
        new(options, accounts ?? new AccountsOptions(), credentials, timeProvider ?? TimeProvider.System, NullLoggerFactory.Instance, handler, environment ?? (_ => null), random);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
