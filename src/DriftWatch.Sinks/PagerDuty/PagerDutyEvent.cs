using System.Text.Json.Nodes;
using DriftWatch.Sinks.Soc;
using DriftWatch.Sinks.SecurityHub;

namespace DriftWatch.Sinks.PagerDuty;

/// <summary>
/// A notice as a PagerDuty Events API v2 event. dedup_key is the incident id, so a redelivered trigger updates the
/// alert it opened and the resolve closes that same alert. A raised problem triggers (a dropped control is critical, a
/// blind monitor an error), a cleared one resolves. A one-off event (a denied attempt) is a change event: it changed
/// nothing that DriftWatch could later resolve, so a trigger would leave an alert open until someone closes it by
/// hand, and a burst of refused calls would page once per call; a change event pages nobody and stands in the
/// service's timeline next to any incident that follows. custom_details carries the whole webhook body.
/// </summary>
public static class PagerDutyEvent
{
    /// <summary>payload.summary's limit.</summary>
    public const int SummaryMax = 1024;

    /// <summary>The event for a notice, addressed with the routing key.</summary>
    public static JsonObject For(SocNotice notice, string routingKey)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var n = notice.Notice;
        var resolve = notice.Type.Effect == NoticeEffect.Clears;
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = resolve ? "resolve" : "trigger",
            ["dedup_key"] = n.IncidentId,
        };
        if (resolve)
        {
            return body;
        }

        body["client"] = "DriftWatch";
        body["payload"] = new JsonObject
        {
            ["summary"] = Summary(notice),
            ["source"] = $"aws-account-{n.Account}",
            ["severity"] = Severity(notice.Severity),
            ["timestamp"] = AsffFinding.Timestamp(n.DetectedAt),
            ["component"] = "cloudtrail",
            ["group"] = n.Account,
            ["class"] = notice.Kind,
            ["custom_details"] = notice.Json.DeepClone(),
        };
        return body;
    }

    /// <summary>True when the notice goes to the Change Events endpoint rather than as an alert.</summary>
    public static bool IsChange(SocNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Type.Effect == NoticeEffect.Informs;
    }

    /// <summary>A one-off notice as a PagerDuty change event (Change Events API v2), addressed with the routing key.</summary>
    public static JsonObject ChangeFor(SocNotice notice, string routingKey)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var n = notice.Notice;
        return new JsonObject
        {
            ["routing_key"] = routingKey,
            ["payload"] = new JsonObject
            {
                ["summary"] = Summary(notice),
                ["timestamp"] = AsffFinding.Timestamp(n.DetectedAt),
                ["source"] = $"aws-account-{n.Account}",
                ["custom_details"] = notice.Json.DeepClone(),
            },
        };
    }

    /// <summary>"DriftWatch: CloudTrail coverage incident opened in account … (StopLogging in … by … from …)", at most 1024 characters.</summary>
    public static string Summary(SocNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var cause = notice.CauseLine;
        return Bounded.Cut($"DriftWatch: {notice.Headline}{(cause.Length > 0 ? $" ({cause})" : "")}", SummaryMax);
    }

    private static string Severity(NoticeSeverity severity) => severity switch
    {
        NoticeSeverity.High => "critical",
        NoticeSeverity.Medium => "error",
        NoticeSeverity.Low => "warning",
        _ => "info",
    };
}
