using System.Security.Cryptography;
using System.Text;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Text;

namespace DriftWatch.Core.Monitoring;

/// <summary>
/// AWS refused a call that could have reduced coverage (a StopLogging or LeaveOrganization answered AccessDenied):
/// nothing changed, so it is no transition and opens no incident, but someone tried, and the SOC hears of it as an
/// "attempt.denied" notice. It is decided from the event alone (no trail is read); the account's last recorded verdict,
/// when there is one, only tells the SOC where the account stands. Its id comes from the event's id, so a message
/// delivered twice records and notifies once.
/// </summary>
public sealed record DeniedAttempt(
    string NoticeId,
    string AccountId,
    DateTimeOffset DetectedAt,
    TriggerEvent Event,
    IncidentNotice Notice) : IncidentChange(Notice)
{
    /// <inheritdoc />
    public override IncidentAction Action => IncidentAction.AttemptDenied;

    /// <inheritdoc />
    public override string? IncidentId => null;

    /// <summary>True for a refused call that DriftWatch reports: one that could have reduced coverage, had it worked.</summary>
    public static bool Applies(TriggerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return !string.IsNullOrEmpty(e.ErrorCode) && MonitoredCalls.CanReduceCoverage(e.EventName);
    }

    /// <summary>
    /// The kind of control the call was aimed at: a lifecycle rule is about integrity, DriftWatch's own rules and stacks
    /// about monitoring, everything else (trails, buckets, keys, leaving the organization) about coverage.
    /// </summary>
    public static string KindOf(string eventName) => eventName switch
    {
        "PutBucketLifecycle" => IncidentKind.Integrity,
        _ when MonitoredCalls.EventBridge.Contains(eventName, StringComparer.Ordinal) => IncidentKind.Monitoring,
        _ when MonitoredCalls.CloudFormation.Contains(eventName, StringComparer.Ordinal) => IncidentKind.Monitoring,
        _ => IncidentKind.Coverage,
    };

    /// <summary>
    /// The notice id: "denied-" + account + the event id when it is plain (CloudTrail's ids are UUIDs, but not always),
    /// else a digest of it, so a forged id can neither break a header nor collide with another account's.
    /// </summary>
    public static string IdFor(string accountId, string eventId) => $"denied-{accountId}-{EventKey(eventId)}";

    /// <summary>The event id as a key: itself when plain and short, else "sha256-" and the first 32 hex digits of its digest.</summary>
    public static string EventKey(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return eventId.Length is > 0 and <= 128 && eventId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? eventId
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32];
    }

    /// <summary>Decides the attempt a refused call is, or null when it is none (no error code, or a call that cannot reduce coverage).</summary>
    public static DeniedAttempt? Decide(TriggerEvent e, VerdictSummary? lastRecorded, DateTimeOffset now)
    {
        if (!Applies(e))
        {
            return null;
        }

        var id = IdFor(e.AccountId, e.EventId);
        var code = InertText.Of(e.ErrorCode, 64);
        var notice = new IncidentNotice(
            IncidentNotice.AttemptDenied,
            id,
            e.AccountId,
            // The account's standing as last recorded: the refused call changed nothing. Never evaluated: unknown.
            lastRecorded?.Status ?? ComplianceStatus.Error,
            now,
            NoticeCause.Of(EvaluationCause.FromEvents([e])),
            lastRecorded?.Trails ?? [],
            [$"AWS refused {e.EventName} ({code}): nothing changed, but a caller tried to reduce CloudTrail coverage; see who, from where"],
            Remediation(e))
        {
            Kind = KindOf(e.EventName),
        };
        return new DeniedAttempt(id, e.AccountId, now, e, notice);
    }

    private static IReadOnlyList<string> Remediation(TriggerEvent e)
    {
        var lines = new List<string> { "# check that the caller was meant to hold credentials in this account; if not, revoke them" };
        // The event id goes into a command only when it is plain: a forged one must not become shell text.
        if (EventKey(e.EventId) == e.EventId && AwsIds.IsRegion(e.Region))
        {
            lines.Add($"aws cloudtrail lookup-events --region {e.Region} --lookup-attributes AttributeKey=EventId,AttributeValue={e.EventId}");
        }

        return lines;
    }
}
