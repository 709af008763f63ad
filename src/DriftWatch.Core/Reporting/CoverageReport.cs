namespace DriftWatch.Core.Reporting;

/// <summary>Evidence that the control held over a window: every account's coverage, ordered by account, and the summary.</summary>
public sealed record CoverageReport(DateTimeOffset GeneratedAt, ReportWindow Window, IReadOnlyList<AccountCoverage> Accounts)
{
    /// <summary>The report's figures across accounts.</summary>
    public CoverageSummary Summary { get; } = CoverageSummary.Of(Accounts);
}
