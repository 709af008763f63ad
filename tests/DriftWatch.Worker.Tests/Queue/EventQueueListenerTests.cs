using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Worker.Heartbeat;
using DriftWatch.Core.Evaluation;
using DriftWatch.Worker.Consumers;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Queue;
using DriftWatch.Worker.Resilience;
using DriftWatch.Worker.Sweep;
using DriftWatch.Worker.Tests.Support;
using DriftWatch.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriftWatch.Worker.Tests.Queue;

/// <summary>
/// The listener alone, on a scripted queue and the real mediator, consumers and coalescer over a hand-answered
/// evaluation: it settles each message by the consumer's answer, and retries a failing receive on the host's clock.
/// </summary>
public sealed class EventQueueListenerTests : IAsyncLifetime
{
    private const string Account = "111111111111";

    private readonly ScriptedQueue _queue = new();
    private readonly ControlledEvaluation _evaluation = new();
    private readonly TimerWatchingClock _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TestLifetime _lifetime = new();
    private readonly QuietMonitor _monitor = new();
    private readonly ServiceProvider _services;
    private readonly EventQueueListener _listener;

    public EventQueueListenerTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IHostApplicationLifetime>(_lifetime);
        services.AddOptions<QueueOptions>();
        services.AddOptions<SweepOptions>();
        services.AddSingleton<IEventQueue>(_queue);
        services.AddSingleton<IAccountEvaluation>(_evaluation);
        services.AddSingleton<IAccountDiscovery>(new ConsumerHarness.ListedAccounts([]));
        // The drain, metrics and health the worker's classes take, as the worker registers them (no port, no export).
        services.AddDriftWatchOperations(new ConfigurationBuilder().Build());
        services.AddSingleton<EvaluationCoalescer>();
        services.AddSingleton<OrganizationFanOut>();
        services.AddSingleton<ConfirmationReads>();
        services.AddSingleton<DestinationEventMatcher>();
        services.AddSingleton<DriftWatch.Aws.CloudTrail.ICloudTrailClient>(new ConsumerHarness.ListedTrails());
        services.AddSingleton<DriftWatch.Worker.Attempts.IDeniedAttempts>(new RecordedAttempts());
        services.AddSingleton(new DriftWatch.Aws.AwsRegionResolver("eu-west-1"));
        services.AddOptions<EvaluationOptions>().Configure(o => o.ConfirmAfter = []);
        _monitor.Register(services);
        services.AddWorkerPipelines();
        services.AddDriftWatchMediator();
        services.AddSingleton<EventQueueListener>();
        _services = services.BuildServiceProvider(validateScopes: true);
        _listener = _services.GetRequiredService<EventQueueListener>();
    }

    private static string HeartbeatBody(string token) =>
        new HeartbeatEvent(Account, "ap-southeast-2", new DateTimeOffset(2026, 3, 1, 11, 59, 0, TimeSpan.Zero), token).ToEntry() is var entry
            ? $"{{\"version\":\"0\",\"id\":\"x\",\"source\":\"{entry.Source}\",\"detail-type\":\"{entry.DetailType}\",\"region\":\"us-east-1\",\"detail\":{entry.Detail}}}"
            : "";

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeletesAMessageOnceItsChangeWasEvaluated()
    {
        await _listener.StartAsync(CancellationToken.None);
        var sent = _queue.Send(ScriptedQueue.EventBody(Account, "e1"));

        var evaluation = await _evaluation.NextAsync();
        Assert.Equal(["e1"], evaluation.CauseEventIds());
        Assert.True(await _queue.NoneSettledWithinAsync(TimeSpan.FromMilliseconds(200)));
        evaluation.Finish(ComplianceStatus.Fail);

        Assert.Equal(new ScriptedQueue.Settlement(sent, "deleted", null, null), await _queue.NextSettlementAsync());
    }

    [Fact]
    public async Task RecordsAHeartbeatCarryingItsLeasesTokenAndDeletesItWithoutReadingTrails()
    {
        _monitor.Hold(new WorkLease(HeartbeatSender.LeaseName(Account), DateTimeOffset.MaxValue, "tok-now", "tok-before"));
        await _listener.StartAsync(CancellationToken.None);
        var sent = _queue.Send(HeartbeatBody("tok-before"));

        Assert.Equal(new ScriptedQueue.Settlement(sent, "deleted", null, null), await _queue.NextSettlementAsync());
        var (account, region, observation) = Assert.Single(_monitor.Observed);
        Assert.Equal((Account, "ap-southeast-2"), (account, region));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 59, 0, TimeSpan.Zero), Assert.IsType<RegionObservation.HeartbeatArrived>(observation).SentAt);
        Assert.Equal(0, _evaluation.Started);
    }

    [Fact]
    public async Task RefusesAHeartbeatWhoseTokenDriftWatchDidNotIssueAndRecordsNoArrival()
    {
        _monitor.Hold(new WorkLease(HeartbeatSender.LeaseName(Account), DateTimeOffset.MaxValue, "tok-now", null));
        await _listener.StartAsync(CancellationToken.None);
        var sent = _queue.Send(HeartbeatBody("forged"));

        Assert.Equal(new ScriptedQueue.Settlement(sent, "deleted", null, null), await _queue.NextSettlementAsync());
        Assert.Empty(_monitor.Observed);
    }

    [Fact]
    public async Task DeadLettersAHeartbeatWithoutAUsableDetail()
    {
        await _listener.StartAsync(CancellationToken.None);
        var sent = _queue.Send($$$"""{"source":"{{{MonitoredCalls.HeartbeatSource}}}","detail-type":"{{{MonitoredCalls.HeartbeatDetailType}}}","detail":{"account":"nope"}}""");

        var settled = await _queue.NextSettlementAsync();
        Assert.Equal((sent, "dead-lettered"), (settled.Message, settled.How));
        Assert.Empty(_monitor.Observed);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(3, 20)]
    [InlineData(9, 300)]
    public async Task ReturnsAMessageThatCouldNotBeEvaluatedAfterTheDelayForHowOftenItWasReceived(int receives, int seconds)
    {
        await _listener.StartAsync(CancellationToken.None);
        var sent = _queue.Send(ScriptedQueue.EventBody(Account, "e1"), receives);

        (await _evaluation.NextAsync()).Finish(ComplianceStatus.Error);

        Assert.Equal(new ScriptedQueue.Settlement(sent, "returned", TimeSpan.FromSeconds(seconds), null), await _queue.NextSettlementAsync());
    }

    [Fact]
    public async Task ReturnsAMessageWhoseEvaluationKeptFaultingInsteadOfDeletingIt()
    {
        await _listener.StartAsync(CancellationToken.None);
        var sent = _queue.Send(ScriptedQueue.EventBody(Account, "e1"));

        for (var attempt = 0; attempt <= TransientFaultRetry.Intervals.Count; attempt++)
        {
            (await _evaluation.NextAsync()).Fault(new InvalidOperationException("DynamoDB is unreachable"));
        }

        Assert.Equal(new ScriptedQueue.Settlement(sent, "returned", new QueueOptions().ReturnDelay(1), null), await _queue.NextSettlementAsync());
    }

    [Fact]
    public async Task ParksAMessageThatIsNoCloudTrailEventWithItsReasonAndEvaluatesNothing()
    {
        await _listener.StartAsync(CancellationToken.None);
        var sent = _queue.Send("{ this is not json");

        var settlement = await _queue.NextSettlementAsync();

        Assert.Equal((sent, "dead-lettered"), (settlement.Message, settlement.How));
        Assert.StartsWith("not JSON", settlement.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _evaluation.Started);
    }

    [Fact]
    public async Task EachReceiverTriesAFailedReceiveAgainAfterTwoSecondsThenFourOnTheHostsClock()
    {
        _queue.FailReceives(4);
        await _listener.StartAsync(CancellationToken.None);

        await _queue.ReceiveCalledAsync(2);
        Assert.Equal([WorkerPipelines.FirstReceiveDelay, WorkerPipelines.FirstReceiveDelay], [await _clock.NextTimerAsync(), await _clock.NextTimerAsync()]);
        _clock.Advance(WorkerPipelines.FirstReceiveDelay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _queue.ReceiveCalls);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await _queue.ReceiveCalledAsync(4);
        Assert.Equal([2 * WorkerPipelines.FirstReceiveDelay, 2 * WorkerPipelines.FirstReceiveDelay], [await _clock.NextTimerAsync(), await _clock.NextTimerAsync()]);
        _clock.Advance(2 * WorkerPipelines.FirstReceiveDelay);
        await _queue.ReceiveCalledAsync(6);

        var sent = _queue.Send(ScriptedQueue.EventBody(Account, "e1"));
        (await _evaluation.NextAsync()).Finish(ComplianceStatus.Pass);
        Assert.Equal(new ScriptedQueue.Settlement(sent, "deleted", null, null), await _queue.NextSettlementAsync());
    }

    [Fact]
    public async Task KeepsAPollWaitingWhileAMessageIsEvaluatedAndMakesNoOtherReceiveUntilItSettles()
    {
        await _listener.StartAsync(CancellationToken.None);
        await _queue.ReceiveCalledAsync(2);

        var first = _queue.Send(ScriptedQueue.EventBody(Account, "e1"));
        var evaluatingFirst = await _evaluation.NextAsync();
        // The receiver that took it does not poll again while it is evaluated: the other receiver's poll is waiting.
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, _queue.ReceiveCalls);

        // That waiting poll takes the next message while the first is still being evaluated...
        var second = _queue.Send(ScriptedQueue.EventBody("222222222222", "e2"));
        var evaluatingSecond = await _evaluation.NextAsync();
        Assert.Equal(["e2"], evaluatingSecond.CauseEventIds());
        // ...and, with no poll left waiting, the first receiver polls again before its message is settled.
        await _queue.ReceiveCalledAsync(3);
        Assert.True(await _queue.NoneSettledWithinAsync(TimeSpan.FromMilliseconds(50)));

        evaluatingFirst.Finish(ComplianceStatus.Pass);
        evaluatingSecond.Finish(ComplianceStatus.Pass);
        var settled = new[] { await _queue.NextSettlementAsync(), await _queue.NextSettlementAsync() };
        Assert.Equal(
            [(first.Id, "deleted"), (second.Id, "deleted")],
            settled.Select(s => (s.Message.Id, s.How)).OrderBy(s => s.Id == second.Id));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _evaluation.AbandonUnanswered();
        await _listener.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        _lifetime.Dispose();
    }
}
