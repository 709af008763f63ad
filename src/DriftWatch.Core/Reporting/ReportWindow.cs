namespace DriftWatch.Core.Reporting;

/// <summary>The period a report covers, [Since, Until). Refuses a window that ends before (or when) it starts.</summary>
public sealed record ReportWindow
{
    /// <summary>A window from since (included) to until (excluded).</summary>
    public ReportWindow(DateTimeOffset since, DateTimeOffset until)
    {
        if (until <= since)
        {
            throw new ArgumentException($"the window ends ({until:O}) before it starts ({since:O})", nameof(until));
        }

        Since = since;
        Until = until;
    }

    /// <summary>First moment of the window.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>End of the window, excluded.</summary>
    public DateTimeOffset Until { get; }

    /// <summary>
    /// Where counting stops: Until, or now when the window reaches into the future (nothing is known of what has not
    /// happened yet). Never before Since.
    /// </summary>
    public DateTimeOffset CountedUntil(DateTimeOffset now) => now < Since ? Since : now < Until ? now : Until;

    /// <summary>True when the window reaches now: a gap still open at its end is still open.</summary>
    public bool ReachesNow(DateTimeOffset now) => Until >= now;
}
