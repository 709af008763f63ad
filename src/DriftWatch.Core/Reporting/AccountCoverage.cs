using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Waivers;

namespace DriftWatch.Core.Reporting;

/// <summary>
/// One account over a report's window. Counted is the part of the window that has happened (it ends now when the
/// window reaches into the future) and splits into Compliant + Failing + Error + Unknown. Only pass and fail are
/// evidence either way: "could not evaluate" and the time before the first verdict count neither for nor against.
/// </summary>
public sealed record AccountCoverage(
    string AccountId,
    ComplianceStatus StatusNow,
    TimeSpan Counted,
    TimeSpan Compliant,
    TimeSpan Failing,
    TimeSpan Error,
    TimeSpan Unknown,
    IReadOnlyList<CoverageGap> Gaps,
    IReadOnlyList<CoverageSpan> Spans,
    IReadOnlyList<Waiver> Exceptions)
{
    /// <summary>Time in the window when the state was known: pass or fail.</summary>
    public TimeSpan Evaluated => Compliant + Failing;

    /// <summary>100 × Compliant / Evaluated; null when nothing was known in the window (no evidence is not 0 %, nor 100 %).</summary>
    public double? CoveragePercent => Evaluated > TimeSpan.Zero ? 100.0 * Compliant.Ticks / Evaluated.Ticks : null;

    /// <summary>
    /// Passing for every counted moment of the window. Strict on purpose: an account that was unknown or could not be
    /// evaluated for part of the window has not been shown covered for all of it.
    /// </summary>
    public bool CoveredWholeWindow => Counted > TimeSpan.Zero && Compliant == Counted;
}
