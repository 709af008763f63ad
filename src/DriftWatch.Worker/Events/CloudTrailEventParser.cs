using System.Globalization;
using System.Text;
using System.Text.Json;
using DriftWatch.Core;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Events;

/// <summary>
/// Reads an EventBridge "AWS API Call via CloudTrail" envelope from any source <see cref="MonitoredCalls"/> lists
/// (CloudTrail, S3, KMS, Organizations, EventBridge, CloudFormation). Anything else is rejected with a reason: the body
/// may come from anyone who can put events on the bus, so sizes are bounded and nothing here is trusted as state.
/// Names are kept as the record gives them (a trail by name or ARN, a key by id, ARN or alias): whoever compares them
/// with what AWS lists compares every form (<see cref="KeyReference"/> for keys).
/// </summary>
public static class CloudTrailEventParser
{
    /// <summary>The largest body parsed; SQS allows 256 KiB and a CloudTrail management event is far smaller.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The Organizations call a management account makes to remove a member: the event is about the member.</summary>
    private const string RemoveAccount = "RemoveAccountFromOrganization";

    private const int MaxFieldLength = 1024;
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

        var source = Text(root, "source");
        if (Text(root, "detail-type") != MonitoredCalls.ApiCallDetailType || source is null || !MonitoredCalls.BySource.ContainsKey(source))
        {
            return EventParseResult.Rejected($"not a monitored API call event (source '{Clip(source)}', detail-type '{Clip(Text(root, "detail-type"))}')");
        }

        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return EventParseResult.Rejected("event has no detail object");
        }

        var eventName = Text(detail, "eventName");
        if (string.IsNullOrEmpty(eventName))
        {
            return EventParseResult.Rejected("event has no detail.eventName");
        }

        var parameters = Object(detail, "requestParameters");
        var account = AccountAbout(eventName, detail, parameters) ?? Text(detail, "recipientAccountId") ?? Text(root, "account");
        if (!AwsIds.IsAccountId(account))
        {
            return EventParseResult.Rejected("event has no 12-digit account (detail.recipientAccountId or account)");
        }

        var region = Text(detail, "awsRegion");
        if (!AwsIds.IsRegion(region))
        {
            return EventParseResult.Rejected("event has no valid region (detail.awsRegion)");
        }

        var identity = Object(detail, "userIdentity");
        return EventParseResult.Accepted(new TriggerEvent(
            EventName: Bound(eventName)!,
            EventId: Bound(Text(detail, "eventID") ?? Text(root, "id")) ?? "",
            EventTime: Time(Text(detail, "eventTime")),
            Region: region,
            AccountId: account,
            ActorArn: Bound(Text(identity, "arn")),
            ActorType: Bound(Text(identity, "type")),
            SourceIp: Bound(Text(detail, "sourceIPAddress")),
            UserAgent: Bound(Text(detail, "userAgent")),
            TrailName: Bound(Text(parameters, "name") ?? Text(parameters, "trailName")),
            BucketName: Bound(Text(parameters, "bucketName")),
            KeyId: Bound(KeyOf(parameters, detail)),
            ErrorCode: Bound(Text(detail, "errorCode"))));
    }

    /// <summary>
    /// RemoveAccountFromOrganization is recorded in the management account but takes the member out of the
    /// organization trail: the member (requestParameters.accountId) is the account to evaluate. LeaveOrganization is
    /// the caller's own account, the recipient.
    /// </summary>
    private static string? AccountAbout(string eventName, JsonElement detail, JsonElement parameters) =>
        eventName == RemoveAccount && Text(detail, "eventSource") is null or "organizations.amazonaws.com"
            ? Text(parameters, "accountId") is { } member && AwsIds.IsAccountId(member) ? member : null
            : null;

    /// <summary>
    /// The key as requested (id, ARN or alias); an alias is replaced by the key ARN CloudTrail resolved it to in
    /// resources[], when there is one, since trails name keys by ARN.
    /// </summary>
    private static string? KeyOf(JsonElement parameters, JsonElement detail)
    {
        var requested = Text(parameters, "keyId");
        if (requested is not null && !KeyReference.IsAlias(requested))
        {
            return requested;
        }

        return ResourceKeyArn(detail) ?? requested;
    }

    private static string? ResourceKeyArn(JsonElement detail)
    {
        if (!detail.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return resources.EnumerateArray()
            .Select(r => Text(r, "ARN"))
            .FirstOrDefault(arn => arn is not null && KeyReference.IsKeyArn(arn));
    }

    private static JsonElement Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

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
