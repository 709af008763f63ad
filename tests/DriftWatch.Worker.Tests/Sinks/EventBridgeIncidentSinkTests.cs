using System.Text.Json.Nodes;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Sinks.EventBridge;
using DriftWatch.Worker.Tests.Sinks.Support;
using DriftWatch.Worker.Tests.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>The EventBridge sink on moto: every notice, through a rule on the incidents bus, lands in a queue as the webhook body.</summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class EventBridgeIncidentSinkTests(DeployedMoto moto)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EveryNoticeReachesARuleOnTheIncidentsBusWithTheWebhookBodyAsDetail()
    {
        await using var bus = await IncidentBus.CreateAsync(moto.Endpoint);
        await using var host = SinkHost.Start(moto.Endpoint, new Dictionary<string, string?> { ["DriftWatch:Incidents:EventBridge:BusName"] = bus.Name });
        var sink = host.Sink<EventBridgeIncidentSink>();
        var notices = new[]
        {
            Notices.Opened("111122223333", "111122223333-00000002"),
            Notices.Resolved("111122223333", "111122223333-00000002"),
            Notices.Blind("111122223333"),
            Notices.Denied("111122223333"),
        };

        foreach (var notice in notices)
        {
            Assert.Equal(SinkResult.Accepted, await sink.DeliverAsync(notice, default));
        }

        var events = new List<JsonObject>();
        await Eventually.MatchAsync(async () => { events.AddRange(await bus.ReceiveAsync()); return events.Count; }, c => c >= 4, Wait, "four events in the queue");
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal("driftwatch", (string?)e["source"]));
        Assert.Equal(
            ["DriftWatch Attempt Denied", "DriftWatch Incident Opened", "DriftWatch Incident Resolved", "DriftWatch Monitoring Blind"],
            events.Select(e => (string)e["detail-type"]!).Order(StringComparer.Ordinal));
        foreach (var notice in notices)
        {
            var detail = Assert.Single(events, e => (string?)e["detail"]!["type"] == notice.Type)["detail"];
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(StoredJson.Write(notice)), detail), $"{notice.Type}: {detail}");
            Assert.Equal((notice.Account, notice.IncidentId), ((string?)detail!["account"], (string?)detail["incidentId"]));
        }
    }

    [Fact]
    public async Task ABusThatDoesNotExistRefusesTheEventAndTheSinkRefusesTheNotice()
    {
        await using var host = SinkHost.Start(moto.Endpoint, new Dictionary<string, string?> { ["DriftWatch:Incidents:EventBridge:BusName"] = "no-such-bus" });

        var result = await host.Sink<EventBridgeIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);

        Assert.False(result.Delivered);
        Assert.Contains("incident.opened/111122223333-00000002", result.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(moto.Endpoint.Authority, result.Failure, StringComparison.Ordinal);
    }
}
