using System.Diagnostics.Metrics;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Shutdown;
using DriftWatch.Worker.Sweep;
using DriftWatch.Worker.Telemetry;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DriftWatch.Worker.Tests.Evaluation;

/// <summary>
/// Confirmation reads over the real coalescer, an evaluation the test answers by hand and a fake clock: a stale first
/// read is caught by the read 5 s later and recorded with the event as cause, and a stream of events costs no more
/// reads than its last event's.
/// </summary>
public sealed class ConfirmationReadsTests : IAsyncDisposable
{
    private const string Account = "111111111111";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ControlledEvaluation _evaluation = new();
    private readonly TestLifetime _lifetime = new();
    private readonly TimerWatchingClock _clock = new(Start);
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ShutdownDrain _drain;
    private readonly EvaluationCoalescer _coalescer;
    private readonly ConfirmationReads _confirmations;

    public ConfirmationReadsTests()
    {
        _drain = new ShutdownDrain(_lifetime, MsOptions.Create(new ShutdownOptions()), _clock);
        var metrics = new WorkerMetrics(_meters.GetRequiredService<IMeterFactory>(), _clock);
        _coalescer = new EvaluationCoalescer(_evaluation, _drain, metrics, _clock);
        var fanOut = new OrganizationFanOut(_coalescer, new ConsumerHarness.ListedAccounts([]), MsOptions.Create(new SweepOptions()), NullLogger<OrganizationFanOut>.Instance);
        _confirmations = new ConfirmationReads(
            _coalescer, fanOut, MsOptions.Create(new EvaluationOptions()), _lifetime, metrics, _clock, new LoggerFactory([Logs]).CreateLogger<ConfirmationReads>());
    }

    private CapturedLogs Logs { get; } = new();

    [Fact]
    public async Task AStaleFirstReadIsCaughtByTheReadFiveSecondsLaterWithTheEventAsItsCause()
    {
        await EventFindingNothingAsync("e1");

        await _clock.TimerSetAsync(TimeSpan.FromSeconds(5));
        Assert.True(await _evaluation.NoneStartsWithinAsync(TimeSpan.FromMilliseconds(100)));
        _clock.Advance(TimeSpan.FromSeconds(5));

        var confirmation = await _evaluation.NextAsync();
        Assert.Equal(["e1"], confirmation.CauseEventIds());
        var changed = confirmation.FinishWithChange(ComplianceStatus.Pass, ComplianceStatus.Fail);
        Assert.Equal("e1", Assert.Single(changed.Transition!.Cause.Events).EventId);

        await _confirmations.IdleAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await _evaluation.NoneStartsWithinAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(2, _evaluation.Started);
        Assert.Equal(new ConfirmationCounts(Scheduled: 1, Reads: 1, Shared: 0, ChangesFound: 1, Abandoned: 0, Pending: 0), _confirmations.Counts);
    }

    [Fact]
    public async Task ReadsAgainAtThirtySecondsWhenFiveSecondsFoundNothingAndThenStops()
    {
        await EventFindingNothingAsync("e1");

        await _clock.TimerSetAsync(TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(5));
        (await _evaluation.NextAsync()).Finish(ComplianceStatus.Pass);

        await _clock.TimerSetAsync(TimeSpan.FromSeconds(25));
        _clock.Advance(TimeSpan.FromSeconds(25));
        var last = await _evaluation.NextAsync();
        Assert.Equal(["e1"], last.CauseEventIds());
        last.Finish(ComplianceStatus.Pass);

        await _confirmations.IdleAsync();
        Assert.Equal(3, _evaluation.Started);
        Assert.Equal((2L, 0L), (_confirmations.Counts.Reads, _confirmations.Counts.ChangesFound));
    }

    [Fact]
    public async Task AStreamOfEventsCostsNoReadsUntilItEndsAndThenOnePerDelay()
    {
        const int events = 20;
        for (var i = 0; i < events; i++)
        {
            await EventFindingNothingAsync($"e{i}");
            await _clock.TimerSetAsync(TimeSpan.FromSeconds(5));
            _clock.Advance(TimeSpan.FromSeconds(2));
        }

        // 40 s of events every 2 s: each evaluation was a fresh read; no confirmation ran meanwhile.
        Assert.Equal(events, _evaluation.Started);

        _clock.Advance(TimeSpan.FromSeconds(3));
        var first = await _evaluation.NextAsync();
        Assert.Equal(ConfirmationReads.MaxCauseEvents, first.CauseEventIds().Count);
        Assert.Equal("e0", first.CauseEventIds()[0]);
        Assert.Equal($"e{events - 1}", first.CauseEventIds()[^1]);
        first.Finish(ComplianceStatus.Pass);
        await _clock.TimerSetAsync(TimeSpan.FromSeconds(25));
        _clock.Advance(TimeSpan.FromSeconds(25));
        (await _evaluation.NextAsync()).Finish(ComplianceStatus.Pass);

        await _confirmations.IdleAsync();
        Assert.Equal(events + 2, _evaluation.Started);
        Assert.Equal(2L, _confirmations.Counts.Reads);
    }

    [Fact]
    public async Task AConfirmationDueWhileAnEvaluationIsPendingJoinsIt()
    {
        await EventFindingNothingAsync("e1");
        await _clock.TimerSetAsync(TimeSpan.FromSeconds(5));

        // A sweep runs across the due time, and another request waits behind it.
        var sweep = _coalescer.RequestAsync(Account, null, null, default);
        var running = await _evaluation.NextAsync();
        var other = _coalescer.RequestAsync(Account, Triggers.StopLogging(Account, "e2") with { EventName = "StartLogging" }, null, default);
        _clock.Advance(TimeSpan.FromSeconds(5));
        running.Finish(ComplianceStatus.Pass);
        await sweep;

        var pending = await _evaluation.NextAsync();
        await Eventually.MatchAsync(() => Task.FromResult(pending.CauseEventIds()), ids => ids.Contains("e1"), ControlledEvaluation.Patience, "confirmation joined");
        Assert.Equal(["e1", "e2"], pending.CauseEventIds().Order());
        pending.Finish(ComplianceStatus.Pass);
        await other;

        var counts = await Eventually.MatchAsync(() => Task.FromResult(_confirmations.Counts), c => c.Shared == 1, ControlledEvaluation.Patience, "confirmation answered");
        Assert.Equal(0L, counts.Reads);
        Assert.Equal(3, _evaluation.Started);
    }

    [Fact]
    public async Task ACallThatCannotReduceCoverageOrAChangeAlreadyFoundNeedsNoConfirmation()
    {
        var restart = Triggers.StopLogging(Account, "e1") with { EventName = "StartLogging" };
        var outcome = _coalescer.RequestAsync(Account, restart, null, default);
        _confirmations.After(restart, (await _evaluation.NextAsync()).Finish(ComplianceStatus.Pass));
        await outcome;

        var stop = Triggers.StopLogging(Account, "e2");
        var changed = _coalescer.RequestAsync(Account, stop, null, default);
        _confirmations.After(stop, (await _evaluation.NextAsync()).FinishWithChange(ComplianceStatus.Pass, ComplianceStatus.Fail));
        await changed;

        Assert.Equal(0L, _confirmations.Counts.Scheduled);
    }

    [Fact]
    public async Task AStopAbandonsTheReadsNotYetMadeAndLogsThem()
    {
        await EventFindingNothingAsync("e1");
        await _clock.TimerSetAsync(TimeSpan.FromSeconds(5));

        _lifetime.StopApplication();
        await _confirmations.IdleAsync();

        Assert.Equal(1, _evaluation.Started);
        Assert.Equal(1L, _confirmations.Counts.Abandoned);
        Assert.Contains(Logs.Lines, l => l.Contains("2 confirmation reads of account 111111111111 after StopLogging e1 not made", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        _evaluation.AbandonUnanswered();
        _lifetime.StopApplication();
        await _confirmations.IdleAsync();
        _drain.Dispose();
        _lifetime.Dispose();
        await _meters.DisposeAsync();
    }

    private async Task EventFindingNothingAsync(string eventId)
    {
        var change = Triggers.StopLogging(Account, eventId);
        var outcome = _coalescer.RequestAsync(Account, change, _clock.GetUtcNow(), default);
        (await _evaluation.NextAsync()).Finish(ComplianceStatus.Pass);
        _confirmations.After(change, await outcome);
    }
}
