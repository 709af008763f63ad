using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Testing;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriftWatch.Worker.Tests.Incidents;

/// <summary>
/// Notices are written with the state change they announce and stay in the incidents table until every enabled sink
/// took them: a sink outage or a worker that stops before delivering loses nothing, a retry never invents a second
/// incident, goes only to the sinks still lacking the notice, and hands a sink an incident's notices in order.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class NoticeOutboxTests(DeployedMoto moto)
{
    private const string SlackPath = "services/T0OUT/B0OUT/outboxSlackToken";
    private const string RoutingKey = "OUTBOXROUTINGKEY0123456789abcdef";
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

    [Fact]
    public async Task ASinkDownForAWhileGetsEachNoticeOnceItIsBackAndTheSinksThatWereUpGetItExactlyOnce()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var slack = new WebhookReceiver(SlackPath) { Accepting = false };
        await using var pagerDuty = new WebhookReceiver("v2/enqueue");
        await using var worker = WorkerHost.Build(moto.Endpoint, SocSettings(webhook, slack, pagerDuty));
        var (evaluator, retrier) = Parts(worker);
        await evaluator.EvaluateAsync(World.Account, EvaluationCause.Sweep, CancellationToken.None);

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await evaluator.EvaluateAsync(World.Account, Because("StopLogging"), CancellationToken.None);
        var incident = Assert.Single(await world.Records.ListIncidentsAsync(openOnly: true, default)).IncidentId;
        await RetryUntilAsync(retrier, world, p => p.Count == 1 && p[0].Attempts >= 2, "two failed retries while Slack is down");
        await world.Trails.StartLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await evaluator.EvaluateAsync(World.Account, Because("StartLogging"), CancellationToken.None);
        await retrier.RetryDueAsync(CancellationToken.None);

        var waiting = await Outbox(world).ListPendingAsync(CancellationToken.None);
        Assert.Equal([IncidentNotice.Opened, IncidentNotice.Resolved], waiting.Select(p => p.Notice.Type));
        Assert.All(waiting, p => Assert.Equal(["log", "pagerduty", "webhook"], p.TakenBy.Order(StringComparer.Ordinal)));
        Assert.Empty(slack.Seen);

        slack.Accepting = true;
        await RetryUntilAsync(retrier, world, p => p.Count == 0, "outbox empty once Slack is back");

        Assert.Equal([(IncidentNotice.Opened, incident), (IncidentNotice.Resolved, incident)], webhook.Seen.Select(d => (d.Type, (string)d.Json["incidentId"]!)));
        Assert.Equal([("trigger", incident), ("resolve", incident)], pagerDuty.Seen.Select(d => ((string)d.Json["event_action"]!, (string)d.Json["dedup_key"]!)));
        Assert.Equal(2, slack.Seen.Count);
        Assert.Contains($"incident.opened/{incident}", slack.Seen[0].Body, StringComparison.Ordinal);
        Assert.Contains($"incident.resolved/{incident}", slack.Seen[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResolveReachesPagerDutyOnlyAfterTheOpenItMissedWhileItWasDown()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var slack = new WebhookReceiver(SlackPath);
        await using var pagerDuty = new WebhookReceiver("v2/enqueue") { Accepting = false };
        await using var worker = WorkerHost.Build(moto.Endpoint, SocSettings(webhook, slack, pagerDuty));
        var (evaluator, retrier) = Parts(worker);
        await evaluator.EvaluateAsync(World.Account, EvaluationCause.Sweep, CancellationToken.None);

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await evaluator.EvaluateAsync(World.Account, Because("StopLogging"), CancellationToken.None);
        var incident = Assert.Single(await world.Records.ListIncidentsAsync(openOnly: true, default)).IncidentId;
        pagerDuty.Accepting = true;
        await world.Trails.StartLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await evaluator.EvaluateAsync(World.Account, Because("StartLogging"), CancellationToken.None);

        // The resolve reached every sink but PagerDuty, which still lacks the open: it waits for it in the outbox.
        Assert.Empty(pagerDuty.Seen);
        Assert.Equal([IncidentNotice.Opened, IncidentNotice.Resolved], webhook.Seen.Select(d => d.Type));
        Assert.Contains(worker.Logs.Lines, l => l.Contains("Sink pagerduty has not taken an earlier notice", StringComparison.Ordinal));

        await retrier.RetryDueAsync(CancellationToken.None);

        Assert.Equal([("trigger", incident), ("resolve", incident)], pagerDuty.Seen.Select(d => ((string)d.Json["event_action"]!, (string)d.Json["dedup_key"]!)));
        Assert.Empty(await Outbox(world).ListPendingAsync(CancellationToken.None));
        Assert.Equal(2, webhook.Seen.Count);
        Assert.Equal(2, slack.Seen.Count);
    }

    [Fact]
    public async Task AnOpenStillPendingForPagerDutyIsNeverSentAfterPagerDutyTookItsResolve()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var slack = new WebhookReceiver(SlackPath);
        await using var pagerDuty = new WebhookReceiver("v2/enqueue") { Accepting = false };
        await using var worker = WorkerHost.Build(moto.Endpoint, SocSettings(webhook, slack, pagerDuty));
        var (evaluator, retrier) = Parts(worker);
        await evaluator.EvaluateAsync(World.Account, EvaluationCause.Sweep, CancellationToken.None);
        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await evaluator.EvaluateAsync(World.Account, Because("StopLogging"), CancellationToken.None);
        await world.Trails.StartLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await evaluator.EvaluateAsync(World.Account, Because("StartLogging"), CancellationToken.None);
        var incident = Assert.Single(await world.Records.ListIncidentsAsync(openOnly: false, default)).IncidentId;

        // PagerDuty took the resolve while the open was still pending for it (another worker's delivery, as recorded).
        pagerDuty.Accepting = true;
        var resolve = (await Outbox(world).ListPendingAsync(incident, CancellationToken.None)).Single(p => p.Notice.Type == IncidentNotice.Resolved).Notice;
        var pagerDutySink = worker.Services.GetServices<IIncidentSink>().Single(s => s.Name == "pagerduty");
        Assert.Equal(SinkResult.Accepted, await pagerDutySink.DeliverAsync(resolve, CancellationToken.None));
        await Outbox(world).RecordTakenAsync(incident, IncidentNotice.Resolved, "pagerduty", CancellationToken.None);

        await retrier.RetryDueAsync(CancellationToken.None);

        Assert.Equal(["resolve"], pagerDuty.Seen.Select(d => (string?)d.Json["event_action"]));
        Assert.Empty(await Outbox(world).ListPendingAsync(CancellationToken.None));
        Assert.Contains(worker.Logs.Lines, l => l.Contains("Sink pagerduty already took a later notice", StringComparison.Ordinal));
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

    /// <summary>Every SOC-facing HTTP sink on, one attempt per delivery, and the outbox's grace off (the tests run the retrier).</summary>
    private static Dictionary<string, string?> SocSettings(WebhookReceiver webhook, WebhookReceiver slack, WebhookReceiver pagerDuty) => new()
    {
        ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
        ["DriftWatch:Incidents:Webhook:Attempts"] = "1",
        ["DriftWatch:Incidents:Slack:WebhookUrl"] = slack.Url.ToString(),
        ["DriftWatch:Incidents:Slack:Attempts"] = "1",
        ["DriftWatch:Incidents:PagerDuty:RoutingKey"] = RoutingKey,
        ["DriftWatch:Incidents:PagerDuty:Url"] = pagerDuty.Url.ToString(),
        ["DriftWatch:Incidents:PagerDuty:Attempts"] = "1",
        ["DriftWatch:Incidents:Outbox:Grace"] = "00:00:00",
        ["DriftWatch:Incidents:Outbox:FirstBackoff"] = "00:00:00.100",
        ["DriftWatch:Incidents:Outbox:MaxBackoff"] = "00:00:01",
    };

    /// <summary>The built (not started) worker's evaluator and retrier, driven by the test.</summary>
    private static (AccountEvaluator Evaluator, NoticeRetrier Retrier) Parts(WorkerHost worker) => (
        worker.Services.GetRequiredService<AccountEvaluator>(),
        worker.Services.GetServices<IHostedService>().OfType<NoticeRetrier>().Single());

    /// <summary>Runs retrier passes until the outbox matches.</summary>
    private static Task<IReadOnlyList<PendingNotice>> RetryUntilAsync(NoticeRetrier retrier, World world, Func<IReadOnlyList<PendingNotice>, bool> condition, string what) =>
        Eventually.MatchAsync(
            async () =>
            {
                await retrier.RetryDueAsync(CancellationToken.None);
                return await Outbox(world).ListPendingAsync(CancellationToken.None);
            },
            condition,
            Wait,
            what);

    private static EvaluationCause Because(string eventName) => EvaluationCause.FromEvents(
    [
        Triggers.StopLogging(World.Account, Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) with { EventName = eventName },
    ]);

    private static Task FirstSeenPassAsync(World world) => Eventually.MatchAsync(
        () => world.Records.ListTransitionsAsync(World.Account, null, default), t => t.Count == 1, Wait, "first-seen pass");
}
