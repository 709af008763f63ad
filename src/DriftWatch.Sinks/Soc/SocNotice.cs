using System.Text.Json.Nodes;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Records;

namespace DriftWatch.Sinks.Soc;

/// <summary>
/// A notice as every SOC sink sees it: the webhook body (the one JSON contract), the incident kind, and the table rows
/// that say how its type and kind are presented. Built once per delivery; each sink only formats it.
/// </summary>
public sealed record SocNotice(IncidentNotice Notice, string Body, JsonObject Json, string Kind, NoticeTypeProfile Type, IncidentKindProfile KindProfile)
{
    /// <summary>Reads a notice.</summary>
    public static SocNotice Of(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return Of(notice, StoredJson.Write(notice));
    }

    /// <summary>Reads a notice whose webhook body is given (tests: a body carrying fields the record does not have yet).</summary>
    internal static SocNotice Of(IncidentNotice notice, string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        var type = NoticeTypeProfile.For(notice.Type);
        // The kind is read from the body; a notice stored before kinds existed has none, and its type says which it is.
        var kind = json["kind"] is JsonValue value && value.TryGetValue<string>(out var named) && named.Length > 0 ? named : type.DefaultKind;
        return new SocNotice(notice, body, json, kind, type, IncidentKindProfile.For(kind));
    }

    /// <summary>The notice's stable id, the same on every redelivery: "type/incidentId".</summary>
    public string NoticeId => $"{Notice.Type}/{Notice.IncidentId}";

    /// <summary>The type's severity when it sets one, else the kind's.</summary>
    public NoticeSeverity Severity => Type.Severity ?? KindProfile.Severity;

    /// <summary>"CloudTrail coverage incident opened in account 123456789012", from DriftWatch's own words only.</summary>
    public string Headline => $"{KindProfile.Subject} {Type.Headline} in account {Notice.Account}";

    /// <summary>
    /// One plain line on the cause ("StopLogging in eu-west-1 by arn:… from 203.0.113.7", and ", refused with
    /// AccessDenied" for a denied attempt), attacker-controlled parts
    /// made inert; empty for a sweep, which has no API call to name.
    /// </summary>
    public string CauseLine
    {
        get
        {
            var cause = Notice.Cause;
            if (cause.EventName is null)
            {
                return cause.Kind == EvaluationCause.SweepKind ? "found by the periodic sweep" : "";
            }

            var line = InertText.Of(cause.EventName, 128);
            if (cause.Region is { Length: > 0 } region)
            {
                line += $" in {InertText.Of(region, 32)}";
            }

            if (cause.Actor is { Length: > 0 } actor)
            {
                line += $" by {InertText.Of(actor, 256)}";
            }

            if (cause.SourceIp is { Length: > 0 } ip)
            {
                line += $" from {InertText.Of(ip, 64)}";
            }

            if (cause.ErrorCode is { Length: > 0 } code)
            {
                line += $", refused with {InertText.Of(code, 64)}";
            }

            return line;
        }
    }
}
