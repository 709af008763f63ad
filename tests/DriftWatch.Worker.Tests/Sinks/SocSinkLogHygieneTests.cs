using DriftWatch.Records;
using DriftWatch.Worker.Tests.Sinks.Support;
using DriftWatch.Worker.Tests.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>
/// What the worker logs while Slack and PagerDuty refuse a hostile actor's incident and then take it from the outbox:
/// never the routing key, never the Slack webhook's path (its token), never a control character.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class SocSinkLogHygieneTests(DeployedMoto moto)
{
    private const string RoutingKey = "HYGIENEKEY0123456789abcdefABCDEF";
    private const string SlackToken = "hygieneSlackToken9f3e";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task NoLogLineHoldsTheRoutingKeyOrTheSlackUrlWhileTheSinksAreDownOrOnceTheyAreBack()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var slack = new WebhookReceiver($"services/T0HYG/B0HYG/{SlackToken}") { Accepting = false };
        await using var pagerDuty = new WebhookReceiver("v2/enqueue") { Accepting = false };
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Slack:WebhookUrl"] = slack.Url.ToString(),
            ["DriftWatch:Incidents:Slack:Attempts"] = "2",
            ["DriftWatch:Incidents:PagerDuty:RoutingKey"] = RoutingKey,
            ["DriftWatch:Incidents:PagerDuty:Url"] = pagerDuty.Url.ToString(),
            ["DriftWatch:Incidents:PagerDuty:Attempts"] = "2",
            ["DriftWatch:Incidents:Outbox:PollInterval"] = "00:00:00.200",
            ["DriftWatch:Incidents:Outbox:Grace"] = "00:00:00",
            ["DriftWatch:Incidents:Outbox:FirstBackoff"] = "00:00:00.200",
            ["DriftWatch:Incidents:Outbox:MaxBackoff"] = "00:00:01",
        });
        await Eventually.MatchAsync(() => world.Records.ListTransitionsAsync(World.Account, null, default), t => t.Count == 1, Wait, "first-seen pass");

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail, actor: "arn:aws:iam::123456789012:user/x\u001b[2J\nFORGED", userAgent: Notices.HostileUserAgent);
        var incident = (await Eventually.MatchAsync(() => world.Records.ListIncidentsAsync(openOnly: true, default), i => i.Count == 1, Wait, "incident"))[0];
        await Eventually.MatchAsync(() => Outbox(world).ListPendingAsync(default), p => p.Count == 1 && p[0].Attempts > 0, Wait, "a failed retry from the outbox");

        slack.Accepting = true;
        pagerDuty.Accepting = true;
        await Eventually.MatchAsync(() => Outbox(world).ListPendingAsync(default), p => p.Count == 0, Wait, "outbox empty once both are back");

        Assert.Contains($"incident.opened/{incident.IncidentId}", Assert.Single(slack.Seen).Body, StringComparison.Ordinal);
        Assert.Equal(incident.IncidentId, (string?)Assert.Single(pagerDuty.Seen).Json["dedup_key"]);
        var lines = worker.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("Sink slack could not deliver", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Sink pagerduty could not deliver", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("PagerDuty took incident.opened", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(RoutingKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(SlackToken, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(slack.Url.AbsolutePath, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Any(c => char.IsControl(c) && c != '\t'));
    }

    private static DynamoDbNoticeOutbox Outbox(World world) =>
        new(world.Dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
}
