using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>
/// The summary: accounts; how many (and what share) passed for the whole window; the worst account; the mean time
/// to restore over the gaps a pass closed inside the window (null when none did).
/// </summary>
internal sealed record ReportSummaryJson(
    int Accounts,
    int CoveredWholeWindow,
    double? CoveredWholeWindowPercent,
    WorstAccountJson? WorstAccount,
    double? MeanTimeToRestoreSeconds,
    int RestoredGaps)
{
    /// <summary>Maps a summary.</summary>
    public static ReportSummaryJson Of(CoverageSummary summary) => new(
        summary.Accounts,
        summary.CoveredWholeWindow,
        ReportValues.Percent(summary.CoveredWholeWindowPercent),
        summary.Worst is { } worst ? new WorstAccountJson(worst.AccountId, ReportValues.Percent(worst.CoveragePercent)) : null,
        summary.MeanTimeToRestore is { } mttr ? ReportValues.Seconds(mttr) : null,
        summary.RestoredGaps);
}
