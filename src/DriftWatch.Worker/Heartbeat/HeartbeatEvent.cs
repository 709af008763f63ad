using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Core;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Heartbeat;

/// <summary>
/// One heartbeat: put on an account's default bus in a region, carried by the forwarder rule to the central queue.
/// Id is the token of the heartbeat lease that sent it: anyone who can put events on the central bus can forge the
/// envelope, not a token only DriftWatch's table holds.
/// </summary>
public sealed record HeartbeatEvent(string AccountId, string Region, DateTimeOffset SentAt, string Id)
{
    private const int MaxIdLength = 128;

    /// <summary>The entry to put on the account's default bus in the region.</summary>
    public EventEntry ToEntry() => new(
        MonitoredCalls.HeartbeatSource,
        MonitoredCalls.HeartbeatDetailType,
        new JsonObject
        {
            ["account"] = AccountId,
            ["region"] = Region,
            ["sentAt"] = SentAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["id"] = Id,
        }.ToJsonString(),
        EventBusName: "default");

    /// <summary>
    /// True when the body is a heartbeat envelope (source and detail-type), whether or not its detail is usable;
    /// <paramref name="heartbeat"/> is null when it is not.
    /// </summary>
    public static bool TryRead(string body, out HeartbeatEvent? heartbeat)
    {
        heartbeat = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "source") != MonitoredCalls.HeartbeatSource
                || Text(root, "detail-type") != MonitoredCalls.HeartbeatDetailType)
            {
                return false;
            }

            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var account = Text(detail, "account");
            var region = Text(detail, "region");
            var id = Text(detail, "id");
            if (AwsIds.IsAccountId(account) && AwsIds.IsRegion(region) && id is { Length: > 0 and <= MaxIdLength }
                && DateTimeOffset.TryParse(Text(detail, "sentAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt))
            {
                heartbeat = new HeartbeatEvent(account, region, sentAt, id);
            }

            return true;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
