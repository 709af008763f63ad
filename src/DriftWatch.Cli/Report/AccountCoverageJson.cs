using DriftWatch.Cli.Output;
using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>
/// One account in the JSON report. coveragePercent = 100 × compliantSeconds / evaluatedSeconds (null without
/// evidence); evaluatedSeconds counts pass and fail; errorSeconds ("could not evaluate") counts neither way.
/// </summary>
internal sealed record AccountCoverageJson(
    string Account,
    string Status,
    double? CoveragePercent,
    double EvaluatedSeconds,
    double CompliantSeconds,
    double ErrorSeconds,
    IReadOnlyList<GapJson> Gaps,
    IReadOnlyList<ExceptionJson> Exceptions)
{
    /// <summary>Maps an account's coverage.</summary>
    public static AccountCoverageJson Of(AccountCoverage coverage) => new(
        coverage.AccountId,
        CliJson.Status(coverage.StatusNow),
        ReportValues.Percent(coverage.CoveragePercent),
        ReportValues.Seconds(coverage.Evaluated),
        ReportValues.Seconds(coverage.Compliant),
        ReportValues.Seconds(coverage.Error),
        coverage.Gaps.Select(GapJson.Of).ToList(),
        coverage.Exceptions.Select(ExceptionJson.Of).ToList());
}
