using System.ComponentModel.DataAnnotations;
using Amazon.Runtime;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;
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
        AWSCredentials? credentials,
        TimeProvider time,
        ILoggerFactory loggers,
        HttpMessageHandler? handler,
        Func<string, string?>? environment,
        Func<double>? random)
    {
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
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
        Json = new Json11Client(
            _http,
            new SigV4Signer(),
            credentialSource,
            endpoints,
            Regions,
            new BackoffPolicy(options, random),
            ApiCalls,
            time,
            loggers.CreateLogger<Json11Client>());
        CloudTrail = new CloudTrailClient(Json);
        EventBridge = new EventBridgeClient(Json);
        Identity = new StsAccountIdentity(credentialSource, Regions, options, ApiCalls);
        SnapshotReader = new AccountSnapshotReader(CloudTrail, ApiCalls, time, loggers.CreateLogger<AccountSnapshotReader>());
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

    /// <summary>The account snapshot reader over <see cref="CloudTrail"/>.</summary>
    public IAccountSnapshotReader SnapshotReader { get; }

    internal Json11Client Json { get; }

    /// <summary>
    /// Builds the clients. Credentials default to the SDK chain (env, profile, SSO, container, instance role); pass
    /// explicit ones for an emulator. Options are validated and a bad value throws <see cref="ValidationException"/>.
    /// </summary>
    public static AwsClients Create(
        AwsClientOptions options,
        AWSCredentials? credentials = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AwsClients(
            options, credentials, timeProvider ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance, null, null, null);
    }

    /// <summary>Test seam: a fake HTTP handler, environment and jitter source.</summary>
    internal static AwsClients CreateForTests(
        AwsClientOptions options,
        AWSCredentials credentials,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? handler = null,
        Func<string, string?>? environment = null,
        Func<double>? random = null) =>
        new(options, credentials, timeProvider ?? TimeProvider.System, NullLoggerFactory.Instance, handler, environment ?? (_ => null), random);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
