using System.Net;
using System.Text.Json.Nodes;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.EventBridge;

/// <summary>EventBridge PutEvents over the JSON 1.1 caller; all wire-shape knowledge lives in this file.</summary>
internal sealed class EventBridgeClient(Json11Client json) : IEventBridgeClient
{
    private const int MaxEntriesPerCall = 10;

    public async Task<PutEventsResult> PutEventsAsync(
        string region, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var results = new List<PublishedEvent>(entries.Count);
        foreach (var batch in entries.Chunk(MaxEntriesPerCall))
        {
            var request = new JsonObject { ["Entries"] = new JsonArray(batch.Select(ToWire).ToArray<JsonNode?>()) };
            var reply = await json.SendAsync(AwsService.EventBridge, "PutEvents", region, request, cancellationToken)
                .ConfigureAwait(false);
            results.AddRange(reply["Entries"] is JsonArray answered
                ? answered.OfType<JsonObject>().Select(ToResult)
                : batch.Select(_ => new PublishedEvent(null, "MissingResult", "PutEvents returned no entry result")));
        }

        var failed = results.Count(r => !r.Succeeded);
        if (entries.Count > 0 && failed == entries.Count)
        {
            var first = results[0];
            throw new AwsServiceException(
                "EventBridge",
                "PutEvents",
                first.ErrorCode ?? "AllEntriesFailed",
                $"PutEvents accepted none of {entries.Count} entries: {first.ErrorMessage}",
                HttpStatusCode.OK);
        }

        return new PutEventsResult(failed, results);
    }

    private static JsonObject ToWire(EventEntry entry)
    {
        var wire = new JsonObject
        {
            ["Source"] = entry.Source,
            ["DetailType"] = entry.DetailType,
            ["Detail"] = entry.Detail,
        };
        if (!string.IsNullOrEmpty(entry.EventBusName))
        {
            wire["EventBusName"] = entry.EventBusName;
        }

        if (entry.Resources is { Count: > 0 } resources)
        {
            wire["Resources"] = new JsonArray(resources.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }

        return wire;
    }

    private static PublishedEvent ToResult(JsonObject entry) => new(
        Text(entry["EventId"]), Text(entry["ErrorCode"]), Text(entry["ErrorMessage"]));

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
