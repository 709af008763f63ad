using DriftWatch.Core.Evaluation;
using DriftWatch.Worker.Messages;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Sweep;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriftWatch.Worker.Tests.Sweep;

/// <summary>
/// The periodic sweep's leases against its adaptive cadence, on the consumers' test harness with a fake clock: the
/// worker holding the leases sweeps again when its cadence says, and another worker keeps off them.
/// </summary>
public sealed class SweepLeaseTests
{
    private static readonly string[] Accounts = ["111111111111", "222222222222", "333333333333"];
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheNextPeriodicSweepOneAdaptiveIntervalLaterSweepsEveryAccountAgainWhileAnotherWorkerFindsThemLeased()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var clock = new TimerWatchingClock(Start);
        using var worker = Sweeper(harness, clock);
        using var other = Sweeper(harness, clock);

        await worker.StartAsync(CancellationToken.None);
        Assert.Equal(Accounts, (await AnswerSweepAsync(harness)).Order(StringComparer.Ordinal));
        // The first sweep took no time on the fake clock: the adaptive interval is its floor, far below the default.
        await clock.TimerSetAsync(SweepCadence.Floor);
        clock.Advance(SweepCadence.Floor);
        var second = await AnswerSweepAsync(harness);
        var byOther = await other.SweepOnceAsync(leased: true, CancellationToken.None);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(Accounts, second.Order(StringComparer.Ordinal));
        Assert.Empty(byOther.Accounts);
        Assert.True(harness.Evaluation.NoneWaiting);
    }

    [Fact]
    public async Task ASweepThatOutlastsTheFloorIsStillFollowedByTheWaitTheCadenceSetsNotByAnotherAtOnce()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var clock = new TimerWatchingClock(Start);
        using var worker = Sweeper(harness, clock);
        var sweepTime = SweepCadence.Floor * 2;

        await worker.StartAsync(CancellationToken.None);
        var first = await harness.Evaluation.NextAsync();
        clock.Advance(sweepTime);
        first.Finish(ComplianceStatus.Pass);
        foreach (var _ in Accounts.Skip(1))
        {
            (await harness.Evaluation.NextAsync()).Finish(ComplianceStatus.Pass);
        }

        // Twice the sweep from start to start: the wait after it is the sweep's own length.
        var wait = await clock.NextTimerAsync();
        var startedEarly = !await harness.Evaluation.NoneStartsWithinAsync(TimeSpan.FromMilliseconds(300));
        if (startedEarly)
        {
            // Answered, so that a sweep started too early fails the assertion below instead of hanging the stop.
            await AnswerSweepAsync(harness);
        }

        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(sweepTime, wait);
        Assert.False(startedEarly);
    }

    [Fact]
    public async Task EverySweepVisitsTheAccountsInOneOrderWhateverOrderDiscoveryListsThemIn()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        using var worker = Sweeper(harness, TimeProvider.System, concurrency: 1);

        var sweep = worker.SweepOnceAsync(CancellationToken.None);
        var order = await AnswerSweepAsync(harness);
        await sweep;

        Assert.Equal(Accounts, order);
    }

    private static SweepService Sweeper(ConsumerHarness harness, TimeProvider clock, int concurrency = 16) => new(
        harness.Client<AccountSweepDue>(),
        new ConsumerHarness.ListedAccounts(Accounts.Reverse().ToList()),
        harness.Monitor,
        harness.Monitor,
        Microsoft.Extensions.Options.Options.Create(new SweepOptions { Concurrency = concurrency }),
        clock,
        NullLogger<SweepService>.Instance);

    /// <summary>Answers one sweep's evaluations; the accounts in the order their evaluations started.</summary>
    private static async Task<List<string>> AnswerSweepAsync(ConsumerHarness harness)
    {
        var evaluated = new List<string>();
        foreach (var _ in Accounts)
        {
            var call = await harness.Evaluation.NextAsync();
            evaluated.Add(call.AccountId);
            call.Finish(ComplianceStatus.Pass);
        }

        return evaluated;
    }
}
