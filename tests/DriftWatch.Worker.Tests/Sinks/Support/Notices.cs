using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Tests.Sinks.Support;

/// <summary>Notices as the worker writes them: a StopLogging drop, its resolve, a blind monitor, a denied attempt.</summary>
public static class Notices
{
    /// <summary>A user agent an attacker controls, trying every way into a Slack message.</summary>
    public const string HostileUserAgent = "aws-cli/2.15 <!channel> <!here> <@U123ABC> <#C999> <https://evil.example/phish|click me> @channel & `x` *bold* \u001b[31m\n\u202eevil";

    public static readonly DateTimeOffset DetectedAt = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    public static IncidentNotice Opened(string account, string incidentId, string userAgent = "aws-cli/2.15.0", DateTimeOffset? at = null) => new(
        IncidentNotice.Opened,
        incidentId,
        account,
        ComplianceStatus.Fail,
        at ?? DetectedAt,
        new NoticeCause("event", "StopLogging", "5e0b1c9e-0000-4000-8000-000000000001", DetectedAt.AddSeconds(-1), "eu-west-1",
            $"arn:aws:iam::{account}:user/mallory", "203.0.113.7", userAgent),
        [Trail(account, covers: false, logging: false)],
        ["Trail org-audit is not logging"],
        [$"aws cloudtrail start-logging --name arn:aws:cloudtrail:eu-west-1:{account}:trail/org-audit --region eu-west-1"]);

    public static IncidentNotice Resolved(string account, string incidentId, DateTimeOffset? at = null) => new(
        IncidentNotice.Resolved,
        incidentId,
        account,
        ComplianceStatus.Pass,
        at ?? DetectedAt.AddMinutes(5),
        new NoticeCause("event", "StartLogging", "5e0b1c9e-0000-4000-8000-000000000002", DetectedAt.AddMinutes(5), "eu-west-1",
            $"arn:aws:iam::{account}:user/alice", "198.51.100.9", "console.amazonaws.com"),
        [Trail(account, covers: true, logging: true)],
        [],
        []);

    public static IncidentNotice Blind(string account) => new(
        IncidentNotice.Blind,
        $"blind-{account}-00000007",
        account,
        ComplianceStatus.Error,
        DetectedAt.AddMinutes(20),
        new NoticeCause("sweep", null, null, null, null, null, null, null),
        [],
        ["AccessDenied reading trails in eu-west-1"],
        [])
    {
        Kind = IncidentKind.Monitoring,
    };

    public static IncidentNotice Denied(string account) => new(
        "attempt.denied",
        $"denied-{account}-5e0b1c9e",
        account,
        ComplianceStatus.Pass,
        DetectedAt.AddMinutes(30),
        new NoticeCause("event", "StopLogging", "5e0b1c9e-0000-4000-8000-000000000003", DetectedAt.AddMinutes(30), "eu-west-1",
            $"arn:aws:iam::{account}:user/mallory", "203.0.113.7", "aws-cli/2.15.0", "AccessDenied"),
        [Trail(account, covers: true, logging: true)],
        [],
        []);

    private static TrailSummary Trail(string account, bool covers, bool logging) => new(
        "org-audit", $"arn:aws:cloudtrail:eu-west-1:{account}:trail/org-audit", "eu-west-1", true, false, logging, true, true, [], null, covers,
        covers ? [] : ["not logging"]);
}
