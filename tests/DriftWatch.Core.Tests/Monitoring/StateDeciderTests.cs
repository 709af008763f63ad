using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Tests.Builders;

namespace DriftWatch.Core.Tests.Monitoring;

/// <summary>
/// Every (previous state, verdict) pair, as one table: the next state, the transition, and the incident change with
/// the exact notice the SOC receives, every id and cause named by the decider.
/// </summary>
public sealed class StateDeciderTests
{
    private const long PriorVersion = 7;
    private static readonly DateTimeOffset Now = AccountBuilder.Now;
    private static readonly DateTimeOffset ChangedLongAgo = Now.AddDays(-3);
    private static readonly TimeSpan BlindAfter = TimeSpan.FromHours(6);
    private static readonly string OpenIncident = Incident.IdFor(AccountBuilder.AccountId, 3);

    private static readonly Verdict Pass = ComplianceEvaluator.Evaluate(AccountBuilder.WithOnly(TrailBuilder.Passing()), Now);
    private static readonly Verdict Fail = ComplianceEvaluator.Evaluate(AccountBuilder.WithOnly(TrailBuilder.Passing().NotLogging()), Now);
    private static readonly Verdict OtherFail = ComplianceEvaluator.Evaluate(AccountBuilder.WithOnly(TrailBuilder.Passing().SingleRegion()), Now);
    private static readonly Verdict Error = ComplianceEvaluator.Evaluate(new AccountBuilder().DescribeTrailsFailed().Build(), Now);

    /// <summary>The evaluation's cause: an event, so a decision that fell back to "sweep" anywhere would show.</summary>
    private static readonly EvaluationCause Cause = EvaluationCause.FromEvents(
    [
        new TriggerEvent("StopLogging", "evt-1", Now.AddSeconds(-3), "eu-west-1", AccountBuilder.AccountId, "arn:aws:iam::111111111111:user/mallory", "IAMUser", "203.0.113.7", "aws-cli/2", "org-audit"),
    ]);

    private static readonly IReadOnlyList<DecisionCase> All =
    [
        new("first seen pass is recorded and tells nobody", null, Pass, Transition: true, IncidentAction.None),
        new("first seen fail is recorded and opens an incident", null, Fail, Transition: true, IncidentAction.Open),
        new("first seen error is recorded and is no incident", null, Error, Transition: true, IncidentAction.None),

        new("pass then pass records nothing new", Prior(Pass), Pass, Transition: false, IncidentAction.None),
        new("pass then fail opens an incident", Prior(Pass), Fail, Transition: true, IncidentAction.Open),
        new("pass then error is recorded and is no incident", Prior(Pass), Error, Transition: true, IncidentAction.None),

        new("pass with a stale open incident then pass resolves it", Prior(Pass, OpenIncident), Pass, Transition: false, IncidentAction.Resolve),
        new("pass with an open incident then fail keeps that incident", Prior(Pass, OpenIncident), Fail, Transition: true, IncidentAction.None),
        new("pass with an open incident then error keeps that incident", Prior(Pass, OpenIncident), Error, Transition: true, IncidentAction.None),

        new("fail without incident then pass is recorded and tells nobody", Prior(Fail), Pass, Transition: true, IncidentAction.None),
        new("fail without incident then fail opens the missing incident", Prior(Fail), Fail, Transition: false, IncidentAction.Open),
        new("fail without incident then error is no incident", Prior(Fail), Error, Transition: true, IncidentAction.None),

        new("fail then pass resolves the incident", Prior(Fail, OpenIncident), Pass, Transition: true, IncidentAction.Resolve),
        new("fail then the same fail records nothing new", Prior(Fail, OpenIncident), Fail, Transition: false, IncidentAction.None),
        new("fail then a different fail is recorded and keeps the incident", Prior(Fail, OpenIncident), OtherFail, Transition: true, IncidentAction.None),
        new("fail then error neither opens nor resolves", Prior(Fail, OpenIncident), Error, Transition: true, IncidentAction.None),

        new("error then pass is recorded and tells nobody", Prior(Error, errorFor: TimeSpan.FromHours(1)), Pass, Transition: true, IncidentAction.None),
        new("pass then error then fail opens an incident", Prior(Error, errorFor: TimeSpan.FromHours(1)), Fail, Transition: true, IncidentAction.Open),
        new("error then error shorter than blindAfter tells nobody", Prior(Error, errorFor: BlindAfter - TimeSpan.FromSeconds(1)), Error, Transition: false, IncidentAction.None),

        new("error with an open incident then pass resolves it", Prior(Error, OpenIncident, TimeSpan.FromHours(1)), Pass, Transition: true, IncidentAction.Resolve),
        new("fail then error then fail keeps the incident already open", Prior(Error, OpenIncident, TimeSpan.FromHours(1)), Fail, Transition: true, IncidentAction.None),
        new("error with an open incident then error keeps it", Prior(Error, OpenIncident, TimeSpan.FromHours(1)), Error, Transition: false, IncidentAction.None),

        new("error lasting blindAfter warns that monitoring is blind", Prior(Error, errorFor: BlindAfter), Error, Transition: false, IncidentAction.MonitoringBlind)
        { BlindNoticeSent = true },
        new("error lasting blindAfter with an open incident warns and keeps the incident", Prior(Error, OpenIncident, BlindAfter), Error, Transition: false, IncidentAction.MonitoringBlind)
        { BlindNoticeSent = true },
        new("error after the blind notice was sent does not warn again", Prior(Error, errorFor: TimeSpan.FromDays(2), blindNoticeSent: true), Error, Transition: false, IncidentAction.None)
        { BlindNoticeSent = true },
        new("pass after a blind notice clears it", Prior(Error, errorFor: TimeSpan.FromDays(2), blindNoticeSent: true), Pass, Transition: true, IncidentAction.None),
        new("fail after a blind notice opens an incident and clears the notice", Prior(Error, errorFor: TimeSpan.FromDays(2), blindNoticeSent: true), Fail, Transition: true, IncidentAction.Open),
    ];

    public static TheoryData<string> Cases => new(All.Select(c => c.Description));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string description)
    {
        var @case = All.Single(c => c.Description == description);
        var prior = @case.Prior;
        var version = (prior?.Version ?? 0) + 1;

        var decision = StateDecider.Decide(prior, @case.Verdict, Cause, Now, BlindAfter);

        Assert.Equal(@case.Action, decision.Action);
        var next = decision.Next;
        Assert.Equal(AccountBuilder.AccountId, next.AccountId);
        Assert.Equal(version, next.Version);
        Assert.Equal(@case.Verdict.Status, next.Verdict.Status);
        Assert.Equal(Now, next.LastEvaluatedAt);
        Assert.Equal(@case.Transition ? Now : prior!.ChangedAt, next.ChangedAt);
        Assert.Equal(@case.BlindNoticeSent, next.BlindNoticeSent);
        Assert.Equal(@case.Verdict.Status == ComplianceStatus.Error ? prior?.ErrorSince ?? Now : null, next.ErrorSince);

        var (incidentId, stillOpen) = @case.Action switch
        {
            IncidentAction.Open => (Incident.IdFor(AccountBuilder.AccountId, version), Incident.IdFor(AccountBuilder.AccountId, version)),
            IncidentAction.Resolve => (OpenIncident, null),
            _ => ((string?)null, prior?.OpenIncidentId),
        };
        Assert.Equal(incidentId, decision.IncidentId);
        Assert.Equal(stillOpen, next.OpenIncidentId);

        if (@case.Transition)
        {
            var transition = Assert.IsType<Transition>(decision.Transition);
            Assert.Equal(
                (AccountBuilder.AccountId, version, prior?.Verdict.Status, @case.Verdict.Status, Now, Cause),
                (transition.AccountId, transition.Version, transition.From, transition.To, transition.DetectedAt, transition.Cause));
            Assert.Same(prior?.Verdict, transition.Before);
            Assert.Same(next.Verdict, transition.After);
        }
        else
        {
            Assert.Null(decision.Transition);
        }

        AssertChange(@case.Action, decision, version);
    }

    [Fact]
    public void AResolveWithoutATransitionNamesTheEvaluationsCauseNotTheSweep()
    {
        var decision = StateDecider.Decide(Prior(Pass, OpenIncident), Pass, Cause, Now, BlindAfter);

        Assert.Null(decision.Transition);
        var resolution = Assert.IsType<IncidentResolution>(decision.Change);
        Assert.Equal(Cause, resolution.ResolvedBy);
        Assert.Equal(("event", "StopLogging", "evt-1"), (resolution.Notice.Cause.Kind, resolution.Notice.Cause.EventName, resolution.Notice.Cause.EventId));
    }

    [Fact]
    public void ABlindNoticeIsNamedForTheAccountAndStateVersionAndCarriesTheCause()
    {
        var decision = StateDecider.Decide(Prior(Error, errorFor: BlindAfter), Error, Cause, Now, BlindAfter);

        var blind = Assert.IsType<MonitoringBlind>(decision.Change);
        Assert.Equal($"blind-{AccountBuilder.AccountId}-00000008", blind.NoticeId);
        Assert.Equal(blind.NoticeId, blind.Notice.IncidentId);
        Assert.Equal(Cause, blind.Cause);
        Assert.Equal("StopLogging", blind.Notice.Cause.EventName);
    }

    [Fact]
    public void ASweepCauseIsAnnouncedAsASweep()
    {
        var decision = StateDecider.Decide(Prior(Pass), Fail, EvaluationCause.Sweep, Now, BlindAfter);

        var notice = Assert.IsType<IncidentNotice>(decision.Notice);
        Assert.Equal(new NoticeCause(EvaluationCause.SweepKind, null, null, null, null, null, null, null), notice.Cause);
    }

    [Fact]
    public void ARetriedDecisionOpensTheSameIncident()
    {
        var first = StateDecider.Decide(Prior(Pass), Fail, EvaluationCause.Sweep, Now, BlindAfter);
        var retry = StateDecider.Decide(Prior(Pass), Fail, EvaluationCause.Sweep, Now.AddSeconds(30), BlindAfter);

        Assert.Equal(IncidentAction.Open, first.Action);
        Assert.Equal(first.IncidentId, retry.IncidentId);
        Assert.Equal($"{AccountBuilder.AccountId}-00000008", first.IncidentId);
    }

    [Fact]
    public void AnIncidentIdDependsOnlyOnAccountAndVersion()
    {
        Assert.Equal(Incident.IdFor("111111111111", 8), Incident.IdFor("111111111111", 8));
        Assert.NotEqual(Incident.IdFor("111111111111", 8), Incident.IdFor("111111111111", 9));
        Assert.NotEqual(Incident.IdFor("111111111111", 8), Incident.IdFor("222222222222", 8));
    }

    /// <summary>The change a row's action calls for, with its notice, field by field.</summary>
    private static void AssertChange(IncidentAction action, StateDecision decision, long version)
    {
        var verdict = decision.Next.Verdict;
        (string Type, string Id)? expected = action switch
        {
            IncidentAction.Open => (IncidentNotice.Opened, Incident.IdFor(AccountBuilder.AccountId, version)),
            IncidentAction.Resolve => (IncidentNotice.Resolved, OpenIncident),
            IncidentAction.MonitoringBlind => (IncidentNotice.Blind, $"blind-{Incident.IdFor(AccountBuilder.AccountId, version)}"),
            _ => null,
        };
        if (expected is not { } notice)
        {
            Assert.Null(decision.Change);
            Assert.Null(decision.Notice);
            return;
        }

        Assert.Equal(
            new IncidentNotice(notice.Type, notice.Id, AccountBuilder.AccountId, verdict.Status, Now, NoticeCause.Of(Cause), verdict.Trails, verdict.Reasons, verdict.Remediation),
            decision.Notice,
            NoticeComparer.Instance);
        switch (decision.Change)
        {
            case IncidentOpening opening:
                Assert.Equal(IncidentAction.Open, action);
                Assert.Equal(new Incident(notice.Id, AccountBuilder.AccountId, Now, null, Cause, verdict), opening.Incident);
                break;
            case IncidentResolution resolution:
                Assert.Equal(IncidentAction.Resolve, action);
                Assert.Equal((notice.Id, Now, Cause), (resolution.ResolvedIncidentId, resolution.ResolvedAt, resolution.ResolvedBy));
                Assert.Same(verdict, resolution.Verdict);
                break;
            case MonitoringBlind blind:
                Assert.Equal(IncidentAction.MonitoringBlind, action);
                Assert.Equal((notice.Id, AccountBuilder.AccountId, Now, Cause), (blind.NoticeId, blind.AccountId, blind.At, blind.Cause));
                Assert.Same(verdict, blind.Verdict);
                break;
            default:
                Assert.Fail($"unexpected change {decision.Change}");
                break;
        }
    }

    private static AccountState Prior(Verdict verdict, string? openIncident = null, TimeSpan? errorFor = null, bool blindNoticeSent = false) =>
        new(
            AccountBuilder.AccountId,
            PriorVersion,
            VerdictSummary.Of(verdict),
            ChangedLongAgo,
            Now.AddMinutes(-10),
            AccountState.CoverageOnly(openIncident),
            errorFor is { } duration ? Now - duration : null,
            blindNoticeSent);

    /// <summary>One row: the state before, the new verdict, and what the decision must be.</summary>
    private sealed record DecisionCase(string Description, AccountState? Prior, Verdict Verdict, bool Transition, IncidentAction Action)
    {
        /// <summary>Whether the next state remembers that the blind notice went out.</summary>
        public bool BlindNoticeSent { get; init; }

        public override string ToString() => Description;
    }

    /// <summary>Notices compare by value, their lists by content (records compare lists by reference).</summary>
    private sealed class NoticeComparer : IEqualityComparer<IncidentNotice?>
    {
        public static NoticeComparer Instance { get; } = new();

        public bool Equals(IncidentNotice? x, IncidentNotice? y) =>
            x is not null && y is not null
            && (x.Type, x.IncidentId, x.Account, x.Status, x.DetectedAt, x.Cause) == (y.Type, y.IncidentId, y.Account, y.Status, y.DetectedAt, y.Cause)
            && x.Trails.SequenceEqual(y.Trails) && x.Reasons.SequenceEqual(y.Reasons) && x.Remediation.SequenceEqual(y.Remediation);

        public int GetHashCode(IncidentNotice? obj) => obj?.IncidentId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
