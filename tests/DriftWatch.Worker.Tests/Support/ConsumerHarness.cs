using DriftWatch.Aws;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Core.Trails;
using DriftWatch.Worker.Attempts;
using DriftWatch.Worker.Consumers;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Sweep;
using DriftWatch.Worker;
using MassTransit.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>
/// The worker's consumers with their definitions (the same <see cref="WorkerMediator.AddDriftWatchConsumers"/> the
/// mediator uses) on MassTransit's test harness, over the real coalescer and fan-out and a hand-answered evaluation.
/// </summary>
public sealed class ConsumerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestLifetime _lifetime = new();

    private ConsumerHarness(int queueConcurrency, IReadOnlyList<string> accounts, TimeSpan[] confirmAfter)
    {
        Discovery = new ListedAccounts(accounts);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<IHostApplicationLifetime>(_lifetime);
        services.AddSingleton<IAccountEvaluation>(Evaluation);
        services.AddSingleton<IDeniedAttempts>(Attempts);
        services.AddSingleton<IAccountDiscovery>(Discovery);
        // The drain, metrics and health the worker's classes take, as the worker registers them (no port, no export).
        services.AddDriftWatchOperations(new ConfigurationBuilder().Build());
        services.AddSingleton<EvaluationCoalescer>();
        services.AddSingleton<OrganizationFanOut>();
        services.AddSingleton<ConfirmationReads>();
        services.AddSingleton<DestinationEventMatcher>();
        services.AddSingleton<ICloudTrailClient>(Trails);
        services.AddSingleton(new AwsRegionResolver("eu-west-1"));
        services.AddOptions<EvaluationOptions>().Configure(o => o.ConfirmAfter = confirmAfter.Select(d => d.ToString("c", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Monitor.Register(services);
        services.AddOptions<QueueOptions>().Configure(o => o.Concurrency = queueConcurrency);
        services.AddOptions<SweepOptions>();
        services.AddMassTransitTestHarness(TextWriter.Null, x => x.AddDriftWatchConsumers());
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>The evaluation the consumers' coalescer runs.</summary>
    public ControlledEvaluation Evaluation { get; } = new();

    /// <summary>The trails DescribeTrails lists for the S3 and KMS events the consumer matches (none unless a test adds some).</summary>
    public ListedTrails Trails { get; } = new();

    /// <summary>The refused calls the change consumer sent to the attempt path.</summary>
    public RecordedAttempts Attempts { get; } = new();

    /// <summary>Forwarder checks, region observations and leases, recorded.</summary>
    public QuietMonitor Monitor { get; } = new();

    /// <summary>The accounts an organization fan-out finds.</summary>
    public ListedAccounts Discovery { get; }

    /// <summary>The harness.</summary>
    public ITestHarness Harness => _services.GetRequiredService<ITestHarness>();

    /// <summary>Starts the harness's bus with the consumers on it.</summary>
    /// <remarks>Confirmation reads are off unless asked for: a fake clock never reaches them anyway.</remarks>
    public static async Task<ConsumerHarness> StartAsync(int queueConcurrency = 16, IReadOnlyList<string>? accounts = null, TimeSpan[]? confirmAfter = null)
    {
        var harness = new ConsumerHarness(queueConcurrency, accounts ?? [], confirmAfter ?? []);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>A request client as the queue listener or the sweep holds one.</summary>
    public IRequestClient<T> Client<T>()
        where T : class => Harness.GetRequestClient<T>();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Evaluation.AbandonUnanswered();
        await Harness.Stop();
        await _services.DisposeAsync();
        _lifetime.Dispose();
    }

    /// <summary>Trails as DescribeTrails would list them, counting the calls; the other reads are not the consumer's.</summary>
    public sealed class ListedTrails : ICloudTrailClient
    {
        private int _describeCalls;

        /// <summary>What DescribeTrails answers.</summary>
        public List<TrailInfo> Listed { get; } = [];

        /// <summary>DescribeTrails calls so far.</summary>
        public int DescribeCalls => Volatile.Read(ref _describeCalls);

        /// <inheritdoc />
        public Task<IReadOnlyList<TrailInfo>> DescribeTrailsAsync(string accountId, string region, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _describeCalls);
            return Task.FromResult<IReadOnlyList<TrailInfo>>(Listed.ToList());
        }

        /// <inheritdoc />
        public Task<TrailStatus> GetTrailStatusAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken) =>
            throw new NotSupportedException("the consumer only lists trails");

        /// <inheritdoc />
        public Task<EventSelectors> GetEventSelectorsAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken) =>
            throw new NotSupportedException("the consumer only lists trails");
    }

    /// <summary>A fixed list of accounts, as discovery would find them.</summary>
    public sealed class ListedAccounts(IReadOnlyList<string> accounts) : IAccountDiscovery
    {
        /// <inheritdoc />
        public Task<IReadOnlyList<string>> DiscoverAsync(CancellationToken cancellationToken) => Task.FromResult(accounts);
    }
}
