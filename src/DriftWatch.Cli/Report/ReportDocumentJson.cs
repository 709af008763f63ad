using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>The JSON document: when it was made, its window, every account, and the summary.</summary>
internal sealed record ReportDocumentJson(
    string GeneratedAt,
    string Since,
    string Until,
    IReadOnlyList<AccountCoverageJson> Accounts,
    ReportSummaryJson Summary)
{
    /// <summary>Maps a report.</summary>
    public static ReportDocumentJson Of(CoverageReport report) => new(
        ReportValues.Time(report.GeneratedAt),
        ReportValues.Time(report.Window.Since),
        ReportValues.Time(report.Window.Until),
        report.Accounts.Select(AccountCoverageJson.Of).ToList(),
        ReportSummaryJson.Of(report.Summary));
}
