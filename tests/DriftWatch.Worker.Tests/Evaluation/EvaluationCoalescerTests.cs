using System.Diagnostics.Metrics;
using DriftWatch.Core.Evaluation;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Shutdown;
using DriftWatch.Worker.Telemetry;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DriftWatch.Worker.Tests.Evaluation;

/// <summary>
/// The coalescer alone, on an evaluation the test answers by hand and a fake clock: which requests share an
/// evaluation, which start one, and who is answered by what.
/// </summary>
public sealed class EvaluationCoalescerTests : IDisposable
{
    private const string Account = "111111111111";
    private const string OtherAccount = "222222222222";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ControlledEvaluation _evaluation = new();
    private readonly TestLifetime _lifetime = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly EvaluationCoalescer _coalescer;

    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ShutdownDrain _drain;

    public EvaluationCoalescerTests()
    {
        // A zero drain: the evaluation's token is cancelled as soon as the host stops.
        _drain = new ShutdownDrain(_lifetime, Microsoft.Extensions.Options.Options.Create(new ShutdownOptions { Timeout = TimeSpan.Zero }), _clock);
        _coalescer = new EvaluationCoalescer(_evaluation, _drain, new WorkerMetrics(_meters.GetRequiredService<IMeterFactory>(), _clock), _clock);
    }

    [Fact]
    public async Task RunsOneEvaluationPerAccountAndJoinsRequestsMadeDuringItIntoOnePendingEvaluation()
    {
        var first = Request("e1");
        var running = await _evaluation.NextAsync();
        var second = Request("e2");
        var third = Request("e3");

        Assert.True(_evaluation.NoneWaiting);
        var firstOutcome = running.Finish(ComplianceStatus.Pass);
        Assert.Same(firstOutcome, await first);

        var pending = await _evaluation.NextAsync();
        Assert.Equal(["e2", "e3"], pending.CauseEventIds());
        Assert.False(second.IsCompleted);
        var pendingOutcome = pending.Finish(ComplianceStatus.Fail);
        Assert.Same(pendingOutcome, await second);
        Assert.Same(pendingOutcome, await third);
        Assert.Equal(2, _evaluation.Started);
        Assert.Equal(1, _evaluation.MostAtOnceFor(Account));
    }

    [Fact]
    public async Task AQueuedEventOlderThanARunningEvaluationsStartJoinsItAndBecomesPartOfItsCause()
    {
        var first = Request("e1", queuedAt: Start);
        var running = await _evaluation.NextAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));

        var older = Request("e2", queuedAt: Start - TimeSpan.FromSeconds(5));

        Assert.Equal(["e1", "e2"], running.CauseEventIds());
        var outcome = running.Finish(ComplianceStatus.Fail);
        Assert.Same(outcome, await first);
        Assert.Same(outcome, await older);
        Assert.True(await _evaluation.NoneStartsWithinAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, _evaluation.Started);
    }

    [Fact]
    public async Task AQueuedEventOlderThanAFinishedEvaluationsStartIsAnsweredByItWithoutEvaluatingAgain()
    {
        var first = Request("e1");
        var outcome = (await _evaluation.NextAsync()).Finish(ComplianceStatus.Pass);
        await first;
        _clock.Advance(TimeSpan.FromMinutes(1));

        var older = Request("e2", queuedAt: Start - EvaluationCoalescer.ClockSkew - TimeSpan.FromMilliseconds(1));

        Assert.True(older.IsCompletedSuccessfully);
        Assert.Same(outcome, await older);
        Assert.Equal(1, _evaluation.Started);
    }

    [Fact]
    public async Task AQueuedEventWithinTheClockSkewOfAFinishedEvaluationIsEvaluatedAgain()
    {
        var first = Request("e1");
        (await _evaluation.NextAsync()).Finish(ComplianceStatus.Pass);
        await first;

        var close = Request("e2", queuedAt: Start - EvaluationCoalescer.ClockSkew + TimeSpan.FromMilliseconds(1));

        var again = await _evaluation.NextAsync();
        Assert.Equal(["e2"], again.CauseEventIds());
        Assert.Same(again.Finish(ComplianceStatus.Pass), await close);
    }

    [Fact]
    public async Task CouldNotEvaluateIsNotRememberedAsDone()
    {
        var first = Request("e1");
        var failed = (await _evaluation.NextAsync()).Finish(ComplianceStatus.Error);
        Assert.Same(failed, await first);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var older = Request("e2", queuedAt: Start - TimeSpan.FromSeconds(5));

        var again = await _evaluation.NextAsync();
        Assert.Equal(["e2"], again.CauseEventIds());
        Assert.Same(again.Finish(ComplianceStatus.Pass), await older);
    }

    [Fact]
    public async Task AFaultedEvaluationFaultsItsCallersAndIsNotRememberedAsDone()
    {
        var first = Request("e1");
        (await _evaluation.NextAsync()).Fault(new InvalidOperationException("DynamoDB is unreachable"));
        var fault = await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal("DynamoDB is unreachable", fault.Message);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var older = Request("e2", queuedAt: Start - TimeSpan.FromSeconds(5));

        Assert.Same((await _evaluation.NextAsync()).Finish(ComplianceStatus.Pass), await older);
    }

    [Fact]
    public async Task ACallerThatStopsWaitingCancelsNeitherTheEvaluationNorTheOtherCallers()
    {
        var first = Request("e1");
        var running = await _evaluation.NextAsync();
        using var impatient = new CancellationTokenSource();
        var leaving = Request("e2", cancellationToken: impatient.Token);
        var staying = Request("e3");

        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.False(running.Token.IsCancellationRequested);
        Assert.Same(running.Finish(ComplianceStatus.Pass), await first);
        var pending = await _evaluation.NextAsync();
        Assert.False(pending.Token.IsCancellationRequested);
        Assert.Same(pending.Finish(ComplianceStatus.Pass), await staying);
    }

    [Fact]
    public async Task DifferentAccountsAreEvaluatedIndependently()
    {
        var one = Request("e1");
        var other = Request("e2", account: OtherAccount);
        var calls = new[] { await _evaluation.NextAsync(), await _evaluation.NextAsync() };
        var forOther = calls.Single(c => c.AccountId == OtherAccount);
        var forOne = calls.Single(c => c.AccountId == Account);

        Assert.Same(forOther.Finish(ComplianceStatus.Fail), await other);
        Assert.False(one.IsCompleted);
        Assert.Same(forOne.Finish(ComplianceStatus.Pass), await one);
        Assert.Equal(2, _evaluation.MostAtOnce);
    }

    [Fact]
    public async Task ASweepRequestAddsNoEventAndAnEvaluationOfOnlySweepsHasTheSweepAsItsCause()
    {
        var sweep = _coalescer.RequestAsync(Account, null, null, CancellationToken.None);

        var running = await _evaluation.NextAsync();

        Assert.Equal(Core.Monitoring.EvaluationCause.Sweep, running.Cause());
        Assert.Same(running.Finish(ComplianceStatus.Pass), await sweep);
    }

    [Fact]
    public async Task TheEvaluationRunsOnTheDrainTokenNotTheCallers()
    {
        using var caller = new CancellationTokenSource();
        var request = Request("e1", cancellationToken: caller.Token);

        var running = await _evaluation.NextAsync();
        _lifetime.StopApplication();

        Assert.True(running.Token.IsCancellationRequested);
        Assert.False(caller.IsCancellationRequested);
        running.Finish(ComplianceStatus.Pass);
        await request;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _evaluation.AbandonUnanswered();
        _drain.Dispose();
        _lifetime.Dispose();
        _meters.Dispose();
    }

    private Task<EvaluationOutcome> Request(string eventId, DateTimeOffset? queuedAt = null, string account = Account, CancellationToken cancellationToken = default) =>
        _coalescer.RequestAsync(account, Triggers.StopLogging(account, eventId, Start), queuedAt, cancellationToken);
}
