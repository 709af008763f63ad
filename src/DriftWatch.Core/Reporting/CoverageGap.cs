using DriftWatch.Core.Monitoring;

namespace DriftWatch.Core.Reporting;

/// <summary>
/// A stretch of a report's window in which the control failed, as far as it lies inside the window.
/// From is cut at the window's start; To is null while the gap is still open now, and the window's end when the
/// window ends before the gap did. Cause is the change into fail; ResolvedBy the change back to pass, null when the
/// gap did not end in a pass inside the window (still open, cut by the window, or ended in "could not evaluate").
/// </summary>
public sealed record CoverageGap(
    string Kind,
    DateTimeOffset From,
    DateTimeOffset? To,
    TimeSpan Duration,
    NoticeCause Cause,
    NoticeCause? ResolvedBy,
    IReadOnlyList<string> Reasons)
{
    /// <summary>True when coverage came back (a pass) inside the window: the gaps a mean time to restore is made of.</summary>
    public bool IsRestored => ResolvedBy is not null;
}
