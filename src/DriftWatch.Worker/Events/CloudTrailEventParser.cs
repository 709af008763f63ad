using System.Globalization;
using System.Text;
using System.Text.Json;
using DriftWatch.Core;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Events;

/// <summary>
/// Reads an EventBridge "AWS API Call via CloudTrail" envelope. Anything else is rejected with a reason: the body may
/// come from anyone who can put events on the bus, so sizes are bounded and nothing here is trusted as state.
/// </summary>
public static class CloudTrailEventParser
{
    /// <summary>The largest body parsed; SQS allows 256 KiB and a CloudTrail management event is far smaller.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private const int MaxFieldLength = 1024;
    private const string DetailType = "AWS API Call via CloudTrail";
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>Parses one queue message body.</summary>
    public static EventParseResult Parse(string body)
    {
        if (Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            return EventParseResult.Rejected($"body is larger than {MaxBodyBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            return EventParseResult.Rejected($"not JSON ({e.Message})");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static EventParseResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return EventParseResult.Rejected("not a JSON object");
        }

        if (Text(root, "detail-type") != DetailType || Text(root, "source") != "aws.cloudtrail")
        {
            return EventParseResult.Rejected($"not a CloudTrail API call event (source '{Clip(Text(root, "source"))}', detail-type '{Clip(Text(root, "detail-type"))}')");
        }

        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return EventParseResult.Rejected("event has no detail object");
        }

        var account = Text(detail, "recipientAccountId") ?? Text(root, "account");
        if (!AwsIds.IsAccountId(account))
        {
            return EventParseResult.Rejected("event has no 12-digit account (detail.recipientAccountId or account)");
        }

        var region = Text(detail, "awsRegion");
        if (!AwsIds.IsRegion(region))
        {
            return EventParseResult.Rejected("event has no valid region (detail.awsRegion)");
        }

        var eventName = Text(detail, "eventName");
        if (string.IsNullOrEmpty(eventName))
        {
            return EventParseResult.Rejected("event has no detail.eventName");
        }

        var identity = detail.TryGetProperty("userIdentity", out var id) && id.ValueKind == JsonValueKind.Object ? id : default;
        var parameters = detail.TryGetProperty("requestParameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        return EventParseResult.Accepted(new TriggerEvent(
            Bound(eventName)!,
            Bound(Text(detail, "eventID")) ?? "",
            Time(Text(detail, "eventTime")),
            region,
            account,
            Bound(Text(identity, "arn")),
            Bound(Text(identity, "type")),
            Bound(Text(detail, "sourceIPAddress")),
            Bound(Text(detail, "userAgent")),
            Bound(TrailName(parameters)),
            ErrorCode: Bound(Text(detail, "errorCode"))));
    }

    private static string? TrailName(JsonElement parameters) =>
        Text(parameters, "name") ?? Text(parameters, "trailName");

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string? Bound(string? text) => text is { Length: > MaxFieldLength } ? text[..MaxFieldLength] : text;

    private static string Clip(string? text) => text is null ? "" : Core.Text.InertText.Of(text, 64);
}
