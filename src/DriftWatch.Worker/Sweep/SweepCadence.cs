using DriftWatch.Worker.Options;

namespace DriftWatch.Worker.Sweep;

/// <summary>
/// How long to wait between sweeps. The sweep is what bounds the detection of a change no event announced: the change
/// lands just after its account was read and waits for the account's next read. Every sweep visits the accounts in one
/// order (<see cref="SweepService"/>), so that read comes one start-to-start interval later, not an interval plus a
/// whole sweep. Left at its default, the interval adapts: the shortest the CloudTrail budget and the measured sweep
/// time allow, never longer than the default itself, so it follows the organization's size (twice the sweep: 110-240 s
/// at 1,000 accounts on the emulator, bench/README.md; the floor at a few hundred) instead of a fixed 15 minutes. An
/// interval set explicitly is kept as set.
/// </summary>
public static class SweepCadence
{
    /// <summary>
    /// Below this a sweep would become the main detector rather than the backstop for events that never arrive, and
    /// each sweep is one DynamoDB write per account.
    /// </summary>
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(30);

    /// <summary>A sweep may keep the worker busy for at most this share of the interval; events get the rest.</summary>
    public const double BusyShare = 0.5;

    /// <summary>CloudTrail's read limit per account and region, which the per-process limiter also enforces.</summary>
    public const int CallsPerSecond = 10;

    /// <summary>The share of that limit sweeps may use on average, leaving the rest to event-driven evaluations.</summary>
    public const double BudgetShare = 0.2;

    /// <summary>
    /// The most CloudTrail calls one evaluation makes in one region: DescribeTrails, then GetTrailStatus and
    /// GetEventSelectors for each of up to five trails (AWS allows five per region).
    /// </summary>
    public const int MaxCallsPerAccountRegion = 1 + (2 * 5);

    /// <summary>The interval the options give when it is not set.</summary>
    public static readonly TimeSpan DefaultInterval = new SweepOptions().Interval;

    /// <summary>The start-to-start interval that follows a sweep of <paramref name="sweepTime"/>.</summary>
    /// <param name="configured">The configured interval: kept as set, or, at its default, the ceiling.</param>
    /// <param name="sweepTime">How long the last sweep took, start to end.</param>
    public static TimeSpan Interval(TimeSpan configured, TimeSpan sweepTime)
    {
        if (configured != DefaultInterval)
        {
            return configured;
        }

        var byWorker = sweepTime / BusyShare;
        var byBudget = TimeSpan.FromSeconds(MaxCallsPerAccountRegion / (BudgetShare * CallsPerSecond));
        var shortest = Max(Floor, Max(byWorker, byBudget));
        return shortest < configured ? shortest : configured;
    }

    /// <summary>
    /// How long to wait from the end of <paramref name="sweep"/> to the start of the next (a timer's period set when
    /// the sweep ends): the interval less the sweep itself, and at once when the sweep took longer than that.
    /// </summary>
    public static TimeSpan WaitAfter(TimeSpan configured, SweepResult sweep)
    {
        var wait = Interval(configured, sweep.Elapsed) - sweep.Elapsed;
        return wait > MinimumWait ? wait : MinimumWait;
    }

    /// <summary>
    /// The longest a change no event announced goes unseen between a sweep of <paramref name="previousSweep"/> and the
    /// next, of <paramref name="sweepTime"/>, started <paramref name="interval"/> later (or back to back, when the first
    /// took longer). An account sits at one place in the order, so it is reached at the same share of each sweep: one
    /// interval after its last read, plus the share of any time the next sweep loses. This assumes a sweep keeps an
    /// even pace; bench/ measures the longest gap between two reads of one account beside it.
    /// </summary>
    public static TimeSpan WorstCaseDetection(TimeSpan interval, TimeSpan previousSweep, TimeSpan sweepTime) =>
        Max(interval, previousSweep) + Max(TimeSpan.Zero, sweepTime - previousSweep);

    /// <summary>The wait after a sweep that overran its interval: the next one starts at once.</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
