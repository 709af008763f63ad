using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Testing;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Tests.Support;

namespace DriftWatch.Worker.Tests.Incidents;

/// <summary>
/// Notices are written with the state change they announce and stay in the incidents table until the webhook took
/// them: a webhook outage or a worker that stops before delivering loses nothing, and a retry never invents a second
/// incident.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class NoticeOutboxTests(DeployedMoto moto)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnIncidentRaisedWhileTheWebhookIsDownIsDeliveredOnceItIsBackUnderTheSameId()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver { Accepting = false };
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Settings(webhook));
        await FirstSeenPassAsync(world);

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail);

        var incident = (await Eventually.MatchAsync(() => world.Records.ListIncidentsAsync(openOnly: true, default), i => i.Count == 1, Wait, "incident recorded"))[0];
        var pending = await Eventually.MatchAsync(() => Outbox(world).ListPendingAsync(default), p => p.Count == 1 && p[0].Attempts > 0, Wait, "a failed retry");
        Assert.Equal(("incident.opened", incident.IncidentId), (pending[0].Notice.Type, pending[0].Notice.IncidentId));
        Assert.Contains(worker.Logs.Lines, l => l.Contains("stays in the outbox", StringComparison.Ordinal));

        webhook.Accepting = true;
        var opened = await webhook.WaitForAsync("incident.opened", Wait);
        Assert.Equal(incident.IncidentId, (string?)opened.Json["incidentId"]);
        await Eventually.MatchAsync(() => Outbox(world).ListPendingAsync(default), p => p.Count == 0, Wait, "outbox empty");
        Assert.Single(webhook.Seen.Select(d => (string?)d.Json["incidentId"]).Distinct());
        Assert.Single(await world.Records.ListIncidentsAsync(openOnly: false, default));
    }

    [Fact]
    public async Task ANoticeTheCommittingWorkerNeverSentIsSentByTheNextWorker()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver { Accepting = false };
        string incidentId;
        await using (var first = await WorkerHost.StartAsync(moto.Endpoint, Settings(webhook, grace: "00:10:00")))
        {
            await FirstSeenPassAsync(world);
            await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
            await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail);
            incidentId = (await Eventually.MatchAsync(() => world.Records.ListIncidentsAsync(openOnly: true, default), i => i.Count == 1, Wait, "incident"))[0].IncidentId;
        }

        // The first worker is gone with its notice undelivered; the notice waits in the table.
        Assert.Single(await Outbox(world).ListPendingAsync(default));
        webhook.Accepting = true;
        await using var second = await WorkerHost.StartAsync(moto.Endpoint, Settings(webhook));

        var opened = await webhook.WaitForAsync("incident.opened", Wait);
        Assert.Equal(incidentId, (string?)opened.Json["incidentId"]);
        await Eventually.MatchAsync(() => Outbox(world).ListPendingAsync(default), p => p.Count == 0, Wait, "outbox empty");
        Assert.Single(await world.Records.ListIncidentsAsync(openOnly: false, default));
    }

    private static DynamoDbNoticeOutbox Outbox(World world) =>
        new(world.Dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()));

    private static Dictionary<string, string?> Settings(WebhookReceiver webhook, string grace = "00:00:01") => new()
    {
        ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
        ["DriftWatch:Incidents:Webhook:Attempts"] = "1",
        ["DriftWatch:Incidents:Outbox:PollInterval"] = "00:00:00.200",
        ["DriftWatch:Incidents:Outbox:Grace"] = grace,
        ["DriftWatch:Incidents:Outbox:FirstBackoff"] = "00:00:00.200",
        ["DriftWatch:Incidents:Outbox:MaxBackoff"] = "00:00:01",
    };

    private static Task FirstSeenPassAsync(World world) => Eventually.MatchAsync(
        () => world.Records.ListTransitionsAsync(World.Account, null, default), t => t.Count == 1, Wait, "first-seen pass");
}
