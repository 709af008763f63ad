using DriftWatch.Core.Reporting;
using static DriftWatch.Core.Evaluation.ComplianceStatus;
using static DriftWatch.Core.Tests.Reporting.Timelines;

namespace DriftWatch.Core.Tests.Reporting;

/// <summary>The report's figures across accounts: share covered all along, the worst account, mean time to restore.</summary>
public sealed class CoverageSummaryTests
{
    private const string Second = "210987654321";
    private const string Third = "111111111111";
    private static readonly ReportWindow Window = new(Since, At(10));

    [Fact]
    public void MeanTimeToRestoreIsOverRestoredGapsOnly()
    {
        var first = CoverageTimeline.Of(Account, Window, At(8), T(-1, Pass), [T(1, Fail, "StopLogging"), T(3, Pass, "StartLogging"), T(6, Fail, "StopLogging")], Pass, []);
        var second = CoverageTimeline.Of(Second, Window, At(8), T(-1, Pass, account: Second), [T(2, Fail, "StopLogging", account: Second), T(3, Pass, account: Second), T(4, Fail, account: Second), T(4.5, Error, account: Second)], Pass, []);

        var summary = CoverageSummary.Of([first, second]);

        // Restored: 2 h (first) and 1 h (second, by a sweep). Open (first, 6 h -> now) and ended in could-not-evaluate (second) are not.
        Assert.Equal(2, summary.RestoredGaps);
        Assert.Equal(TimeSpan.FromHours(1.5), summary.MeanTimeToRestore);
    }

    [Fact]
    public void NamesTheWorstAccountAndTheShareCoveredForTheWholeWindow()
    {
        var covered = CoverageTimeline.Of(Account, Window, At(12), T(-1, Pass), [], Pass, []);
        var halfFailing = CoverageTimeline.Of(Second, Window, At(12), T(-1, Pass, account: Second), [T(5, Fail, "StopLogging", account: Second)], Fail, []);
        var unknown = CoverageTimeline.Of(Third, Window, At(12), null, [], Pass, []);

        var summary = CoverageSummary.Of([covered, halfFailing, unknown]);

        Assert.Equal(3, summary.Accounts);
        Assert.Equal(1, summary.CoveredWholeWindow);
        Assert.Equal(100.0 / 3, summary.CoveredWholeWindowPercent!.Value, 9);
        Assert.Equal(Second, summary.Worst!.AccountId);
        Assert.Equal(50.0, summary.Worst.CoveragePercent);
        Assert.Null(summary.MeanTimeToRestore);
    }

    [Fact]
    public void AReportOfNoAccountsHasNoFigures()
    {
        var summary = new CoverageReport(At(12), Window, []).Summary;

        Assert.Equal(0, summary.Accounts);
        Assert.Null(summary.CoveredWholeWindowPercent);
        Assert.Null(summary.Worst);
        Assert.Null(summary.MeanTimeToRestore);
    }
}
