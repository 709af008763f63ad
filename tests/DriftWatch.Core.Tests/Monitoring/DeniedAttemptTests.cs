using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Tests.Builders;

namespace DriftWatch.Core.Tests.Monitoring;

/// <summary>A refused call: which ones are attempts, their kind, their stable id, and the notice the SOC gets.</summary>
public sealed class DeniedAttemptTests
{
    private static readonly DateTimeOffset Now = AccountBuilder.Now;

    private static readonly TriggerEvent DeniedStop = new(
        "StopLogging", "3b5a7c1e-1f2d-4e5a-9b8c-7d6e5f4a3b2c", Now.AddSeconds(-2), "eu-west-1", AccountBuilder.AccountId,
        "arn:aws:sts::111111111111:assumed-role/dev/mallory", "AssumedRole", "203.0.113.7", "aws-cli/2.15.0", "org-audit", ErrorCode: "AccessDenied");

    [Theory]
    [InlineData("StopLogging", "AccessDenied", true)]
    [InlineData("DeleteTrail", "AccessDenied", true)]
    [InlineData("LeaveOrganization", "AccessDenied", true)]
    [InlineData("RemoveAccountFromOrganization", "AccessDeniedException", true)]
    [InlineData("StartLogging", "AccessDenied", false)]
    [InlineData("StopLogging", null, false)]
    [InlineData("StopLogging", "", false)]
    [InlineData("RunInstances", "AccessDenied", false)]
    public void OnlyARefusedCallThatCouldReduceCoverageIsAnAttempt(string call, string? code, bool attempt)
    {
        var e = DeniedStop with { EventName = call, ErrorCode = code };

        Assert.Equal(attempt, DeniedAttempt.Applies(e));
        Assert.Equal(attempt, DeniedAttempt.Decide(e, null, Now) is not null);
    }

    [Theory]
    [InlineData("StopLogging", IncidentKind.Coverage)]
    [InlineData("LeaveOrganization", IncidentKind.Coverage)]
    [InlineData("DeleteBucket", IncidentKind.Coverage)]
    [InlineData("DisableKey", IncidentKind.Coverage)]
    [InlineData("PutBucketLifecycle", IncidentKind.Integrity)]
    [InlineData("DisableRule", IncidentKind.Monitoring)]
    [InlineData("DeleteStack", IncidentKind.Monitoring)]
    public void TheKindIsTheControlTheCallWasAimedAt(string call, string kind)
    {
        Assert.Equal(kind, DeniedAttempt.KindOf(call));
        Assert.Equal(kind, DeniedAttempt.Decide(DeniedStop with { EventName = call }, null, Now)!.Notice.Kind);
    }

    [Fact]
    public void TheNoticeNamesTheCallActorSourceIpRegionAndErrorCode()
    {
        var recorded = VerdictSummary.Of(ComplianceEvaluator.Evaluate(AccountBuilder.WithOnly(TrailBuilder.Passing()), Now));

        var attempt = DeniedAttempt.Decide(DeniedStop, recorded, Now)!;

        var notice = attempt.Notice;
        Assert.Equal(IncidentNotice.AttemptDenied, notice.Type);
        Assert.Equal(IncidentAction.AttemptDenied, attempt.Action);
        Assert.Null(attempt.IncidentId);
        Assert.Equal(attempt.NoticeId, notice.IncidentId);
        Assert.Equal(
            new NoticeCause("event", "StopLogging", DeniedStop.EventId, DeniedStop.EventTime, "eu-west-1", DeniedStop.ActorArn, "203.0.113.7", "aws-cli/2.15.0", "AccessDenied"),
            notice.Cause);
        Assert.Equal((AccountBuilder.AccountId, ComplianceStatus.Pass, Now), (notice.Account, notice.Status, notice.DetectedAt));
        Assert.Equal(recorded.Trails, notice.Trails);
        Assert.Contains("StopLogging", Assert.Single(notice.Reasons), StringComparison.Ordinal);
        Assert.Contains($"aws cloudtrail lookup-events --region eu-west-1 --lookup-attributes AttributeKey=EventId,AttributeValue={DeniedStop.EventId}", notice.Remediation);
    }

    [Fact]
    public void AnAccountNeverEvaluatedIsAnnouncedAsUnknownWithNoTrails()
    {
        var notice = DeniedAttempt.Decide(DeniedStop, null, Now)!.Notice;

        Assert.Equal(ComplianceStatus.Error, notice.Status);
        Assert.Empty(notice.Trails);
    }

    [Fact]
    public void TheIdComesFromTheEventSoARetriedMessageIsTheSameAttempt()
    {
        var first = DeniedAttempt.Decide(DeniedStop, null, Now)!;
        var retry = DeniedAttempt.Decide(DeniedStop, null, Now.AddMinutes(5))!;

        Assert.Equal($"denied-{AccountBuilder.AccountId}-{DeniedStop.EventId}", first.NoticeId);
        Assert.Equal(first.NoticeId, retry.NoticeId);
        Assert.NotEqual(first.NoticeId, DeniedAttempt.Decide(DeniedStop with { EventId = "another-event" }, null, Now)!.NoticeId);
        Assert.NotEqual(first.NoticeId, DeniedAttempt.Decide(DeniedStop with { AccountId = AccountBuilder.OtherAccountId }, null, Now)!.NoticeId);
    }

    [Theory]
    [InlineData("not a uuid\r\nX-Injected: 1")]
    [InlineData("événement")]
    [InlineData("")]
    public void AnEventIdThatIsNotPlainIsDigestedAndNeverPutInACommand(string eventId)
    {
        var attempt = DeniedAttempt.Decide(DeniedStop with { EventId = eventId }, null, Now)!;

        Assert.Matches("^denied-111111111111-sha256-[0-9a-f]{32}$", attempt.NoticeId);
        Assert.DoesNotContain(attempt.Notice.Remediation, line => line.Contains("lookup-events", StringComparison.Ordinal));
        Assert.Equal(attempt.NoticeId, DeniedAttempt.Decide(DeniedStop with { EventId = eventId }, null, Now)!.NoticeId);
    }

    [Fact]
    public void APlainEventIdThatIsNoUuidIsKeptAsItIs()
    {
        Assert.Equal("denied-111111111111-EXAMPLE_event.42", DeniedAttempt.IdFor(AccountBuilder.AccountId, "EXAMPLE_event.42"));
    }
}
