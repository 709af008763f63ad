using Amazon.Runtime;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Organizations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Aws.Tests.Support;

/// <summary>
/// DriftWatch's AWS services as AddDriftWatchAws registers them, over a <see cref="FakeAwsHandler"/> (the named
/// HttpClient's handler, set through DI): fast retries, explicit credentials, and the caller's own account known
/// without an STS call unless the test asks STS itself.
/// </summary>
public sealed class TestAws : IDisposable
{
    /// <summary>The caller's own account, unless the test asks STS.</summary>
    public const string OwnAccount = "111122223333";

    private readonly ServiceProvider _provider;
    private readonly TimeProvider _clock;

    /// <summary>Builds the container; <paramref name="settings"/> change the defaults below (null removes one).</summary>
    public TestAws(
        FakeAwsHandler handler,
        IReadOnlyDictionary<string, string?>? settings = null,
        AWSCredentials? credentials = null,
        TimeProvider? clock = null,
        bool askStsForTheAccount = false,
        ILoggerProvider? logs = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["DriftWatch:Aws:EndpointUrl"] = "http://aws.test/",
            ["DriftWatch:Aws:Region"] = "eu-west-2",
            ["DriftWatch:Aws:MaxAttempts"] = "3",
            ["DriftWatch:Aws:BaseDelay"] = "00:00:00.001",
            ["DriftWatch:Aws:MaxDelay"] = "00:00:00.005",
            ["DriftWatch:Aws:AttemptTimeout"] = "00:00:05",
            ["DriftWatch:Aws:TotalTimeout"] = "00:00:20",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection().AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            }
        });
        services.AddSingleton(credentials ?? new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        _clock = clock ?? TimeProvider.System;
        services.AddSingleton(_clock);
        if (!askStsForTheAccount)
        {
            services.AddSingleton<IAccountIdentity>(new FixedAccountIdentity(OwnAccount));
        }

        services.AddDriftWatchAws(new ConfigurationBuilder().AddInMemoryCollection(values.Where(v => v.Value is not null)).Build());
        services.AddHttpClient(Json11Client.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IServiceProvider Services => _provider;

    public ICloudTrailClient CloudTrail => _provider.GetRequiredService<ICloudTrailClient>();

    public IEventBridgeClient EventBridge => _provider.GetRequiredService<IEventBridgeClient>();

    public IAccountIdentity Identity => _provider.GetRequiredService<IAccountIdentity>();

    public OrganizationDirectory Organization => _provider.GetRequiredService<OrganizationDirectory>();

    public CloudTrailRateLimiter RateLimiter => _provider.GetRequiredService<CloudTrailRateLimiter>();

    public ApiCallCounter ApiCalls => _provider.GetRequiredService<ApiCallCounter>();

    internal Json11Client Json => _provider.GetRequiredService<Json11Client>();

    /// <summary>
    /// Disposes the container. Polly's registry waits for calls still in flight on the container's clock; a test that
    /// failed half-way leaves one, so a fake clock is moved on until the wait is over rather than hanging the run.
    /// </summary>
    public void Dispose()
    {
        var disposing = _provider.DisposeAsync().AsTask();
        while (!disposing.Wait(TimeSpan.FromMilliseconds(50)))
        {
            (_clock as Microsoft.Extensions.Time.Testing.FakeTimeProvider)?.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
