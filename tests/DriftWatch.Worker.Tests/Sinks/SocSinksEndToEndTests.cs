using System.Text.Json.Nodes;
using DriftWatch.Worker.Tests.Sinks.Support;
using DriftWatch.Worker.Tests.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>
/// The whole path on moto with every SOC sink on: a real StopLogging, its event through the deployed rules and the
/// queue, the real worker, then Security Hub, the incidents bus, Slack and PagerDuty, each in its own format, and the
/// resolve landing on what the open raised.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class SocSinksEndToEndTests(DeployedMoto moto)
{
    private const string RoutingKey = "E2EROUTINGKEY0123456789abcdefABC";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task ADropAndItsRestoreReachAllFourSinksAndTheResolveMatchesTheOpen()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var bus = await IncidentBus.CreateAsync(moto.Endpoint);
        await using var slack = new WebhookReceiver("services/T0E2E/B0E2E/e2eSlackToken");
        await using var pagerDuty = new WebhookReceiver("v2/enqueue");
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:SecurityHub:Enabled"] = "true",
            ["DriftWatch:Incidents:EventBridge:BusName"] = bus.Name,
            ["DriftWatch:Incidents:Slack:WebhookUrl"] = slack.Url.ToString(),
            ["DriftWatch:Incidents:PagerDuty:RoutingKey"] = RoutingKey,
            ["DriftWatch:Incidents:PagerDuty:Url"] = pagerDuty.Url.ToString(),
        });
        await Eventually.MatchAsync(() => world.Records.ListTransitionsAsync(World.Account, null, default), t => t.Count == 1, Wait, "first-seen pass");

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail, userAgent: Notices.HostileUserAgent);
        // The notifier hands a notice to every sink at once: each is waited for.
        await Eventually.MatchAsync(() => Task.FromResult(pagerDuty.Seen.Count), c => c >= 1, Wait, "the open at PagerDuty");
        await Eventually.MatchAsync(() => Task.FromResult(slack.Seen.Count), c => c >= 1, Wait, "the open at Slack");
        var incident = Assert.Single(await world.Records.ListIncidentsAsync(openOnly: true, default));
        var opened = await FindingAsync(f => (string?)f["Compliance"]?["Status"] == "FAILED" && (string?)f["ProductFields"]?["DriftWatch/IncidentId"] == incident.IncidentId);

        await world.Trails.StartLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await world.PublishAsync("StartLogging", Drift.HomeRegion, Drift.Trail);
        await Eventually.MatchAsync(() => Task.FromResult(pagerDuty.Seen.Count), c => c >= 2, Wait, "the resolve at PagerDuty");
        await Eventually.MatchAsync(() => Task.FromResult(slack.Seen.Count), c => c >= 2, Wait, "the resolve at Slack");
        var resolved = await FindingAsync(f => (string?)f["Compliance"]?["Status"] == "PASSED");

        Assert.Equal(["trigger", "resolve"], pagerDuty.Seen.Select(d => (string?)d.Json["event_action"]));
        Assert.All(pagerDuty.Seen, d => Assert.Equal(incident.IncidentId, (string?)d.Json["dedup_key"]));
        Assert.All(pagerDuty.Seen, d => Assert.Empty(PagerDutyContract.Problems(d.Json)));

        Assert.Equal(2, slack.Seen.Count);
        Assert.All(slack.Seen, d => Assert.Empty(SlackContract.Problems(d.Json)));
        Assert.Contains($"incident.opened/{incident.IncidentId}", slack.Seen[0].Body, StringComparison.Ordinal);
        Assert.Contains($"incident.resolved/{incident.IncidentId}", slack.Seen[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain(slack.Seen, d => d.Body.Contains("<!channel>", StringComparison.Ordinal));

        var events = await Eventually.MatchAsync(bus.ReceiveAsync, e => e.Count == 2, Wait, "both events on the incidents bus");
        Assert.Equal(["DriftWatch Incident Opened", "DriftWatch Incident Resolved"], events.Select(e => (string?)e["detail-type"]).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal((World.Account, incident.IncidentId), ((string?)e["detail"]!["account"], (string?)e["detail"]!["incidentId"])));

        Assert.Equal((string?)opened["Id"], (string?)resolved["Id"]);
        Assert.Equal($"driftwatch/{World.Account}/coverage", (string?)resolved["Id"]);
        Assert.Equal((string?)opened["CreatedAt"], (string?)resolved["CreatedAt"]);
        Assert.Equal(("HIGH", "RESOLVED"), ((string?)resolved["Severity"]!["Label"], (string?)resolved["Workflow"]!["Status"]));
    }

    private async Task<JsonObject> FindingAsync(Func<JsonObject, bool> condition)
    {
        var findings = await Eventually.MatchAsync(
            () => AwsCli.FindingsAsync(moto.Endpoint),
            all => all.Any(f => (string?)f["Id"] == $"driftwatch/{World.Account}/coverage" && condition(f)),
            Wait,
            "the account's coverage finding");
        return findings.Single(f => (string?)f["Id"] == $"driftwatch/{World.Account}/coverage");
    }
}
