using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Reporting;
using DriftWatch.Core.Waivers;
using static DriftWatch.Core.Evaluation.ComplianceStatus;
using static DriftWatch.Core.Tests.Reporting.Timelines;

namespace DriftWatch.Core.Tests.Reporting;

/// <summary>The coverage arithmetic as one table: a window of 10 h, what was recorded, and what the report must say.</summary>
public sealed class CoverageTimelineTests
{
    private static readonly ReportWindow Window = new(Since, At(10));

    // Hours: compliant, failing, could-not-evaluate, unknown; gaps as (from, to or null, hours, restored, cause event).
    private static readonly IReadOnlyList<CoverageCase> All =
    [
        new("no transitions at all leaves the whole window unknown", null, [], Now: 12,
            Compliant: 0, Failing: 0, Error: 0, Unknown: 10, Gaps: []),
        new("a pass recorded before the window covers all of it", T(-30, Pass), [], Now: 12,
            Compliant: 10, Failing: 0, Error: 0, Unknown: 0, Gaps: []),
        new("the time before the first transition is unknown", null, [T(3, Pass)], Now: 12,
            Compliant: 7, Failing: 0, Error: 0, Unknown: 3, Gaps: []),
        new("a closed gap inside the window is restored by the pass", T(-1, Pass), [T(2, Fail, "StopLogging"), T(4, Pass, "StartLogging")], Now: 12,
            Compliant: 8, Failing: 2, Error: 0, Unknown: 0, Gaps: [new(2, 4, 2, "StopLogging", "StartLogging")]),
        new("a gap that started before the window is cut at its start and keeps its cause", T(-5, Fail, "DeleteTrail"), [T(3, Pass, "CreateTrail")], Now: 12,
            Compliant: 7, Failing: 3, Error: 0, Unknown: 0, Gaps: [new(0, 3, 3, "DeleteTrail", "CreateTrail")]),
        new("a gap still open at the end of a window that reaches now is open and counted to now", T(-1, Pass), [T(6, Fail, "StopLogging")], Now: 8,
            Compliant: 6, Failing: 2, Error: 0, Unknown: 0, Gaps: [new(6, null, 2, "StopLogging", null)]),
        new("a gap still open when a past window ends is cut at the window's end, not restored", T(-1, Pass), [T(7, Fail, "StopLogging")], Now: 12,
            Compliant: 7, Failing: 3, Error: 0, Unknown: 0, Gaps: [new(7, 10, 3, "StopLogging", null)]),
        new("a window that cuts a gap at both ends counts all of it as failing", T(-3, Fail, "StopLogging"), [], Now: 30,
            Compliant: 0, Failing: 10, Error: 0, Unknown: 0, Gaps: [new(0, 10, 10, "StopLogging", null)]),
        new("pass then could-not-evaluate then fail: the gap starts at the fail", T(-1, Pass), [T(2, Error), T(3, Fail, "PutEventSelectors"), T(5, Pass, "PutEventSelectors")], Now: 12,
            Compliant: 7, Failing: 2, Error: 1, Unknown: 0, Gaps: [new(3, 5, 2, "PutEventSelectors", "PutEventSelectors")]),
        new("fail then could-not-evaluate then pass: the gap ends where could-not-evaluate begins and is not restored", T(-1, Pass), [T(2, Fail, "StopLogging"), T(3, Error), T(5, Pass, "StartLogging")], Now: 12,
            Compliant: 7, Failing: 1, Error: 2, Unknown: 0, Gaps: [new(2, 3, 1, "StopLogging", null)]),
        new("fail then could-not-evaluate then fail is two gaps", T(-1, Pass), [T(2, Fail, "StopLogging"), T(3, Error), T(4, Fail), T(6, Pass, "StartLogging")], Now: 12,
            Compliant: 6, Failing: 3, Error: 1, Unknown: 0, Gaps: [new(2, 3, 1, "StopLogging", null), new(4, 6, 2, null, "StartLogging")]),
        new("fail then another fail is one gap with the first cause", T(-1, Pass), [T(2, Fail, "StopLogging"), T(3, Fail, "UpdateTrail"), T(4, Pass, "StartLogging")], Now: 12,
            Compliant: 8, Failing: 2, Error: 0, Unknown: 0, Gaps: [new(2, 4, 2, "StopLogging", "StartLogging")]),
        new("could-not-evaluate for the whole window is neither covered nor a gap", T(-2, Error), [], Now: 12,
            Compliant: 0, Failing: 0, Error: 10, Unknown: 0, Gaps: []),
        new("a window reaching into the future is counted up to now", T(-1, Pass), [T(1, Fail, "StopLogging"), T(2, Pass)], Now: 5,
            Compliant: 4, Failing: 1, Error: 0, Unknown: 0, Gaps: [new(1, 2, 1, "StopLogging", null) { SweepResolved = true }]),
        new("two gaps of known length", null, [T(0, Pass), T(2, Fail, "StopLogging"), T(4, Pass, "StartLogging"), T(6, Fail, "DeleteTrail"), T(6.5, Pass, "CreateTrail")], Now: 12,
            Compliant: 7.5, Failing: 2.5, Error: 0, Unknown: 0, Gaps: [new(2, 4, 2, "StopLogging", "StartLogging"), new(6, 6.5, 0.5, "DeleteTrail", "CreateTrail")]),
    ];

    public static TheoryData<string> Cases => new(All.Select(c => c.Description));

    [Theory]
    [MemberData(nameof(Cases))]
    public void CountsTheWindow(string description)
    {
        var @case = All.Single(c => c.Description == description);

        var coverage = CoverageTimeline.Of(Account, Window, At(@case.Now), @case.Before, @case.During, Pass, []);

        Assert.Equal(Hours(@case.Compliant), coverage.Compliant);
        Assert.Equal(Hours(@case.Failing), coverage.Failing);
        Assert.Equal(Hours(@case.Error), coverage.Error);
        Assert.Equal(Hours(@case.Unknown), coverage.Unknown);
        Assert.Equal(coverage.Counted, coverage.Compliant + coverage.Failing + coverage.Error + coverage.Unknown);
        Assert.Equal(coverage.Failing, coverage.Gaps.Aggregate(TimeSpan.Zero, (sum, g) => sum + g.Duration));
        Assert.Equal(coverage.Counted, coverage.Spans.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration));
        Assert.Equal(@case.Gaps.Count, coverage.Gaps.Count);
        foreach (var (expected, gap) in @case.Gaps.Zip(coverage.Gaps))
        {
            Assert.Equal(GapKind.Coverage, gap.Kind);
            Assert.Equal(At(expected.From), gap.From);
            Assert.Equal(expected.To is { } to ? At(to) : null, gap.To);
            Assert.Equal(Hours(expected.Hours), gap.Duration);
            Assert.Equal(expected.Cause ?? null, gap.Cause.EventName);
            Assert.Equal(expected.Cause is null ? EvaluationCause.SweepKind : EvaluationCause.EventKind, gap.Cause.Kind);
            Assert.Equal(expected.ResolvedBy is not null || expected.SweepResolved, gap.IsRestored);
            Assert.Equal(expected.ResolvedBy, gap.ResolvedBy?.EventName);
        }
    }

    [Fact]
    public void CoverageIsCompliantOverEvaluatedTimeAndNullWithoutEvidence()
    {
        var partly = CoverageTimeline.Of(Account, Window, At(12), null, [T(2, Pass), T(3, Error), T(4, Pass), T(8, Fail, "StopLogging")], Pass, []);
        var nothing = CoverageTimeline.Of(Account, Window, At(12), null, [], Pass, []);

        // Known 7 h (pass 1 + 4, fail 2); could-not-evaluate 1 h and unknown 2 h count neither way.
        Assert.Equal(100.0 * 5 / 7, partly.CoveragePercent!.Value, 9);
        Assert.Equal(Hours(7), partly.Evaluated);
        Assert.False(partly.CoveredWholeWindow);
        Assert.Null(nothing.CoveragePercent);
        Assert.False(nothing.CoveredWholeWindow);
    }

    [Fact]
    public void DrawsTheTimelineAsSpansInEveryState()
    {
        var coverage = CoverageTimeline.Of(Account, Window, At(12), null, [T(1, Pass), T(2, Fail, "StopLogging"), T(3, Error), T(4, Pass)], Pass, []);

        Assert.Equal(
            [
                new CoverageSpan(CoverageState.Unknown, At(0), At(1)),
                new CoverageSpan(CoverageState.Covered, At(1), At(2)),
                new CoverageSpan(CoverageState.Gap, At(2), At(3)),
                new CoverageSpan(CoverageState.CouldNotEvaluate, At(3), At(4)),
                new CoverageSpan(CoverageState.Covered, At(4), At(10)),
            ],
            coverage.Spans);
    }

    [Fact]
    public void AGapKeepsTheReasonsOfTheVerdictThatOpenedItAndWhoResolvedIt()
    {
        var coverage = CoverageTimeline.Of(Account, Window, At(12), T(-1, Pass), [T(2, Fail, "StopLogging"), T(4, Pass, "StartLogging")], Fail, []);

        var gap = Assert.Single(coverage.Gaps);
        Assert.Equal(["Fail at 2 h"], gap.Reasons);
        Assert.Equal($"arn:aws:iam::{Account}:user/StopLogging-actor", gap.Cause.Actor);
        Assert.Equal("203.0.113.7", gap.Cause.SourceIp);
        Assert.Equal("eu-west-1", gap.Cause.Region);
        Assert.Equal(At(2).AddSeconds(-1), gap.Cause.EventTime);
        Assert.Equal($"arn:aws:iam::{Account}:user/StartLogging-actor", gap.ResolvedBy!.Actor);
        Assert.Equal(Fail, coverage.StatusNow);
    }

    [Fact]
    public void ListsTheAccountsExceptionsInForceDuringTheWindow()
    {
        Waiver Waiver(string account, DateOnly expires) => new(account, ["eu-west-1"], "EU only", "SCP", "sec@example.com", expires, 1);
        var inForce = Waiver(Account, new DateOnly(2027, 6, 30));
        var lapsedOnTheFirstDay = Waiver(Account, new DateOnly(2026, 1, 1));
        var lapsedBefore = Waiver(Account, new DateOnly(2025, 12, 31));
        var otherAccount = Waiver("210987654321", new DateOnly(2027, 6, 30));

        var coverage = CoverageTimeline.Of(Account, Window, At(12), T(-1, Pass), [], Pass, [inForce, lapsedOnTheFirstDay, lapsedBefore, otherAccount]);

        Assert.Equal([inForce, lapsedOnTheFirstDay], coverage.Exceptions);
    }

    [Fact]
    public void RefusesTransitionsOutOfOrderOrOutsideTheWindow()
    {
        var timeline = new CoverageTimeline(Account, Window, At(12), null);
        timeline.Add(T(3, Pass));

        Assert.Throws<ArgumentException>(() => timeline.Add(T(2, Fail)));
        Assert.Throws<ArgumentException>(() => timeline.Add(T(-1, Fail)));
        Assert.Throws<ArgumentException>(() => timeline.Add(T(11, Fail)));
        Assert.Throws<ArgumentException>(() => timeline.Add(T(4, Fail, account: "210987654321")));
        Assert.Throws<ArgumentException>(() => new CoverageTimeline(Account, Window, At(12), T(0, Pass)));
    }

    [Fact]
    public void RefusesAWindowThatEndsBeforeItStarts()
    {
        Assert.Throws<ArgumentException>(() => new ReportWindow(At(2), At(1)));
        Assert.Throws<ArgumentException>(() => new ReportWindow(At(1), At(1)));
    }

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    private sealed record CoverageCase(
        string Description,
        Transition? Before,
        IReadOnlyList<Transition> During,
        double Now,
        double Compliant,
        double Failing,
        double Error,
        double Unknown,
        IReadOnlyList<ExpectedGap> Gaps);

    private sealed record ExpectedGap(double From, double? To, double Hours, string? Cause, string? ResolvedBy)
    {
        /// <summary>Restored by a sweep's pass: restored, with no event name.</summary>
        public bool SweepResolved { get; init; }
    }
}
