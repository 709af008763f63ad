using System.Net;
using System.Text.Json.Nodes;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.Http;

namespace DriftWatch.Aws.EventBridge;

/// <summary>
/// EventBridge over the JSON 1.1 caller: PutEvents as DriftWatch itself or as a watched account, and the reads of a
/// forwarder rule; all wire-shape knowledge lives in this file.
/// </summary>
internal sealed class EventBridgeClient(Json11Client json, AccountCaller accounts) : IEventBridgeClient
{
    private const int MaxEntriesPerCall = 10;

    public Task<PutEventsResult> PutEventsAsync(
        string region, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken) =>
        PutAsync((request, token) => json.SendAsync(AwsService.EventBridge, "PutEvents", region, request, token), entries, cancellationToken);

    public Task<PutEventsResult> PutEventsAsync(
        string accountId, string region, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken) =>
        PutAsync((request, token) => accounts.SendAsync(accountId, AwsService.EventBridge, "PutEvents", region, request, token), entries, cancellationToken);

    public async Task<EventRule?> DescribeRuleAsync(string accountId, string region, string name, CancellationToken cancellationToken)
    {
        JsonObject reply;
        try
        {
            reply = await accounts.SendAsync(
                accountId, AwsService.EventBridge, "DescribeRule", region, new JsonObject { ["Name"] = name, ["EventBusName"] = "default" }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            return null;
        }

        return new EventRule(Text(reply["Name"]) ?? name, Text(reply["Arn"]), Text(reply["State"]), Text(reply["EventPattern"]), Text(reply["EventBusName"]));
    }

    public async Task<IReadOnlyList<RuleTarget>> ListTargetsByRuleAsync(string accountId, string region, string rule, CancellationToken cancellationToken)
    {
        var targets = new List<RuleTarget>();
        string? next = null;
        do
        {
            var request = new JsonObject { ["Rule"] = rule, ["EventBusName"] = "default" };
            if (next is not null)
            {
                request["NextToken"] = next;
            }

            var reply = await accounts.SendAsync(accountId, AwsService.EventBridge, "ListTargetsByRule", region, request, cancellationToken)
                .ConfigureAwait(false);
            targets.AddRange((reply["Targets"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(t => new RuleTarget(Text(t["Id"]) ?? "", Text(t["Arn"]) ?? "", Text(t["RoleArn"]))));
            next = Text(reply["NextToken"]);
        }
        while (next is not null);
        return targets;
    }

    private static async Task<PutEventsResult> PutAsync(
        Func<JsonObject, CancellationToken, Task<JsonObject>> send, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var results = new List<PublishedEvent>(entries.Count);
        foreach (var batch in entries.Chunk(MaxEntriesPerCall))
        {
            var request = new JsonObject { ["Entries"] = new JsonArray(batch.Select(ToWire).ToArray<JsonNode?>()) };
            var reply = await send(request, cancellationToken).ConfigureAwait(false);
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
