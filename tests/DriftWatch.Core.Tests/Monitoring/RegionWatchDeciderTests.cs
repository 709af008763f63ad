using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Core.Tests.Monitoring;

/// <summary>
/// A region's watch through every observation: when a monitoring incident opens (naming the account, the region and
/// what was seen), when it stays, when it resolves, and that an unreadable forwarder decides nothing.
/// </summary>
public sealed class RegionWatchDeciderTests
{
    private const string Account = "111111111111";
    private const string Region = "eu-west-1";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(11);
    private static readonly ForwarderCheck Disabled = ForwarderCheck.Broken(["Forwarder rule r in account 111111111111 in eu-west-1 is DISABLED"], ["aws events enable-rule --name r"]);
    private static readonly EvaluationCause Sweep = EvaluationCause.Sweep;

    [Fact]
    public void AFirstLookAtARegionStartsItsWatchAndOpensNothing()
    {
        var decision = Decide(null, new RegionObservation.Due());

        Assert.Null(decision.Change);
        Assert.False(decision.Unchanged);
        Assert.Equal((1L, Now, (DateTimeOffset?)null), (decision.Next.Version, decision.Next.WatchedSince, decision.Next.LastHeartbeatAt));
    }

    [Fact]
    public void AHeartbeatOverdueOpensAMonitoringIncidentSayingSinceWhen()
    {
        var watch = Watch(lastHeartbeat: Now - Timeout - TimeSpan.FromSeconds(1));

        var decision = Decide(watch, new RegionObservation.Due());

        var opening = Assert.IsType<IncidentOpening>(decision.Change);
        Assert.Equal(IncidentKind.Monitoring, opening.Incident.Kind);
        Assert.Equal(IncidentKind.Monitoring, opening.Notice.Kind);
        Assert.Equal(RegionWatchDecider.IncidentIdFor(Account, Region, 5), opening.Incident.IncidentId);
        Assert.Equal($"monitoring-{Account}-{Region}-00000005", opening.Notice.IncidentId);
        Assert.Equal((IncidentNotice.Opened, Account, ComplianceStatus.Fail), (opening.Notice.Type, opening.Notice.Account, opening.Notice.Status));
        var reason = Assert.Single(opening.Notice.Reasons);
        Assert.Equal($"No heartbeat from account {Account} in {Region} since 2026-03-01T11:48:59Z (timeout 00:11:00): its forwarder delivers nothing", reason);
        Assert.Equal(opening.Incident.IncidentId, decision.Next.OpenIncidentId);
        Assert.Equal(RegionObservation.HeartbeatKind, opening.Notice.Cause.Kind);
    }

    [Fact]
    public void AHeartbeatJustWithinTheTimeoutOpensNothing()
    {
        var decision = Decide(Watch(lastHeartbeat: Now - Timeout), new RegionObservation.Due());

        Assert.Null(decision.Change);
        Assert.True(decision.Unchanged);
    }

    [Fact]
    public void ARegionNeverHeardFromCountsFromWhenItsWatchBegan()
    {
        var watch = Watch(lastHeartbeat: null) with { WatchedSince = Now - Timeout - TimeSpan.FromMinutes(1) };

        var opening = Assert.IsType<IncidentOpening>(Decide(watch, new RegionObservation.Due()).Change);

        Assert.Contains("since watching began at 2026-03-01T11:48:00Z", Assert.Single(opening.Notice.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenForwarderOpensAnIncidentWithItsProblemsAndRemediationAndTheCauseThatFoundIt()
    {
        var disabler = new TriggerEvent("DisableRule", "e-1", Now, Region, Account, "arn:aws:iam::111111111111:user/mallory", "IAMUser", "203.0.113.7", "aws-cli", "r");
        var cause = EvaluationCause.FromEvents([disabler]);

        var decision = Decide(Watch(lastHeartbeat: Now), new RegionObservation.ForwarderVerified(Disabled, cause));

        var opening = Assert.IsType<IncidentOpening>(decision.Change);
        Assert.Equal(Disabled.Problems, opening.Notice.Reasons);
        Assert.Equal(Disabled.Remediation, opening.Notice.Remediation);
        Assert.Equal(("DisableRule", "arn:aws:iam::111111111111:user/mallory", Region), (opening.Notice.Cause.EventName, opening.Notice.Cause.Actor, opening.Notice.Cause.Region));
        Assert.Equal(Disabled.Problems, decision.Next.ForwarderProblems);
    }

    [Fact]
    public void ASecondProblemWhileAnIncidentIsOpenOpensNoSecondIncident()
    {
        var open = Watch(lastHeartbeat: Now - Timeout - TimeSpan.FromMinutes(1)) with { ForwarderProblems = Disabled.Problems, OpenIncidentId = "monitoring-x" };

        var decision = Decide(open, new RegionObservation.Due());

        Assert.Null(decision.Change);
        Assert.Equal("monitoring-x", decision.Next.OpenIncidentId);
    }

    [Fact]
    public void AHealthyForwarderWithHeartbeatsArrivingResolvesTheOpenIncident()
    {
        var open = Watch(lastHeartbeat: Now.AddSeconds(-30)) with { ForwarderProblems = Disabled.Problems, OpenIncidentId = "monitoring-x" };

        var decision = Decide(open, new RegionObservation.ForwarderVerified(ForwarderCheck.Healthy, Sweep));

        var resolution = Assert.IsType<IncidentResolution>(decision.Change);
        Assert.Equal(("monitoring-x", IncidentNotice.Resolved, IncidentKind.Monitoring, ComplianceStatus.Pass),
            (resolution.ResolvedIncidentId, resolution.Notice.Type, resolution.Notice.Kind, resolution.Notice.Status));
        Assert.Null(decision.Next.OpenIncidentId);
        Assert.Empty(decision.Next.ForwarderProblems);
    }

    [Fact]
    public void AHealthyForwarderDoesNotResolveWhileTheHeartbeatIsStillOverdue()
    {
        var open = Watch(lastHeartbeat: Now - Timeout - TimeSpan.FromMinutes(1)) with { ForwarderProblems = Disabled.Problems, OpenIncidentId = "monitoring-x" };

        var decision = Decide(open, new RegionObservation.ForwarderVerified(ForwarderCheck.Healthy, Sweep));

        Assert.Null(decision.Change);
        Assert.Equal("monitoring-x", decision.Next.OpenIncidentId);
    }

    [Fact]
    public void AHeartbeatArrivingAgainResolvesAnIncidentOpenedForItsAbsence()
    {
        var open = Watch(lastHeartbeat: Now - Timeout - TimeSpan.FromMinutes(5)) with { OpenIncidentId = "monitoring-x" };

        var decision = Decide(open, new RegionObservation.HeartbeatArrived(Now.AddSeconds(-1)));

        Assert.IsType<IncidentResolution>(decision.Change);
        Assert.Equal(Now.AddSeconds(-1), decision.Next.LastHeartbeatAt);
    }

    [Fact]
    public void AnOlderHeartbeatArrivingLateDoesNotMoveTheLastOneBack()
    {
        var decision = Decide(Watch(lastHeartbeat: Now.AddSeconds(-10)), new RegionObservation.HeartbeatArrived(Now.AddMinutes(-4)));

        Assert.Equal(Now.AddSeconds(-10), decision.Next.LastHeartbeatAt);
        Assert.True(decision.Unchanged);
    }

    [Fact]
    public void AHeartbeatStampedInTheFutureCountsFromNow()
    {
        var decision = Decide(Watch(lastHeartbeat: Now.AddMinutes(-1)), new RegionObservation.HeartbeatArrived(Now.AddDays(30)));

        Assert.Equal(Now, decision.Next.LastHeartbeatAt);
    }

    [Fact]
    public void AForwarderThatCouldNotBeReadNeitherOpensNorResolvesNorForgetsWhatWasFound()
    {
        var open = Watch(lastHeartbeat: Now) with { ForwarderProblems = Disabled.Problems, OpenIncidentId = "monitoring-x" };

        var decision = Decide(open, new RegionObservation.ForwarderVerified(ForwarderCheck.Unverified("AccessDeniedException: no"), Sweep));

        Assert.Null(decision.Change);
        Assert.True(decision.Unchanged);
        Assert.Equal(Disabled.Problems, decision.Next.ForwarderProblems);
    }

    [Fact]
    public void WithHeartbeatsOffOnlyTheForwarderCheckCounts()
    {
        var silent = Watch(lastHeartbeat: Now.AddDays(-1));

        var decision = RegionWatchDecider.Decide(silent, Account, Region, new RegionObservation.Due(), Now, heartbeatTimeout: null);

        Assert.Null(decision.Change);
    }

    [Fact]
    public void TheSameDecisionRetriedOpensTheSameIncidentId()
    {
        var watch = Watch(lastHeartbeat: Now - Timeout - TimeSpan.FromMinutes(1));

        var first = Assert.IsType<IncidentOpening>(Decide(watch, new RegionObservation.Due()).Change);
        var again = Assert.IsType<IncidentOpening>(Decide(watch, new RegionObservation.Due()).Change);

        Assert.Equal(first.Incident.IncidentId, again.Incident.IncidentId);
    }

    private static RegionWatch Watch(DateTimeOffset? lastHeartbeat) =>
        new(Account, Region, 4, Now.AddDays(-1), lastHeartbeat, [], [], Now.AddMinutes(-15), null);

    private static RegionWatchDecision Decide(RegionWatch? previous, RegionObservation observation) =>
        RegionWatchDecider.Decide(previous, Account, Region, observation, Now, Timeout);
}
