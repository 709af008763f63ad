namespace DriftWatch.Core.Monitoring;

/// <summary>
/// The one arithmetic backoff of every persisted retry (a queue message handed back for later, a notice postponed in
/// the outbox): the first wait after one failure, doubling with each further failure, never longer than the cap.
/// </summary>
public static class RetrySchedule
{
    /// <summary>Doublings past this change nothing any cap allows, and keep the arithmetic far from overflow.</summary>
    private const int MaxDoublings = 30;

    /// <summary>The wait after <paramref name="failures"/> failures (fewer than one counts as one).</summary>
    public static TimeSpan Exponential(TimeSpan first, TimeSpan cap, int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, MaxDoublings);
        var ticks = Math.Min(cap.Ticks, first.Ticks * Math.Pow(2, doublings));
        return TimeSpan.FromTicks((long)ticks);
    }
}
