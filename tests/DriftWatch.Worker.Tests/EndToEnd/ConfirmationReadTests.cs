using DriftWatch.Core.Evaluation;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.EndToEnd;

/// <summary>
/// The read-after-write lag AWS documents, replayed on moto: the StopLogging event is published first and the trail is
/// stopped 3 s later, so the event's own read still sees it logging. The confirmation read 5 s later (the product's
/// default) finds the drop and opens the incident through SQS, the worker, DynamoDB and the webhook, with that event
/// as the cause.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class ConfirmationReadTests(DeployedMoto moto)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AStopThatTheEventsOwnReadMissedOpensAnIncidentOnTheConfirmationRead()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
        });
        var first = await Eventually.MatchAsync(
            () => world.Records.ListTransitionsAsync(World.Account, null, default), t => t.Count == 1 && t[0].To == ComplianceStatus.Pass, Wait, "first-seen pass");

        var eventId = await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail, sourceIp: "198.51.100.61");
        var seen = await Eventually.MatchAsync(() => world.Records.GetAsync(World.Account, default), s => s!.Version > 1, Wait, "the event's own read");
        Assert.Equal(ComplianceStatus.Pass, seen!.Verdict.Status);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);

        var opened = await webhook.WaitForAsync("incident.opened", Wait);
        Assert.Equal(eventId, (string?)opened.Json["cause"]!["eventId"]);
        Assert.Equal("198.51.100.61", (string?)opened.Json["cause"]!["sourceIp"]);
        var drop = (await world.Records.ListTransitionsAsync(World.Account, null, default))[0];
        Assert.Equal((ComplianceStatus?)ComplianceStatus.Pass, drop.From);
        Assert.Equal(ComplianceStatus.Fail, drop.To);
        Assert.Equal(eventId, Assert.Single(drop.Cause.Events).EventId);
        Assert.Equal(2, (await world.Records.ListTransitionsAsync(World.Account, null, default)).Count);
        // The webhook is told inside the evaluation, so the confirmation learns its outcome a moment after.
        var confirmations = worker.Services.GetRequiredService<ConfirmationReads>();
        var counts = await Eventually.MatchAsync(() => Task.FromResult(confirmations.Counts), c => c.ChangesFound == 1, Wait, "the confirmation's outcome");
        Assert.Equal((1L, 1L), (counts.Scheduled, counts.Reads));
        Assert.Contains(worker.Logs.Lines, l => l.Contains("recorded a change the first read missed", StringComparison.Ordinal));
        Assert.Single(first);
    }

    [Fact]
    public async Task WithConfirmationReadsTurnedOffTheSameStopIsMissedUntilTheSweep()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
            ["DriftWatch:Evaluation:ConfirmAfter"] = "",
        });
        await Eventually.MatchAsync(
            () => world.Records.ListTransitionsAsync(World.Account, null, default), t => t.Count == 1 && t[0].To == ComplianceStatus.Pass, Wait, "first-seen pass");

        await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail);
        await Eventually.MatchAsync(() => world.Records.GetAsync(World.Account, default), s => s!.Version > 1, Wait, "the event's own read");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);

        // Past the 5 s a confirmation would have read at: the stale verdict stands (issue 11's reproduction).
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Empty(webhook.Seen);
        Assert.Equal(ComplianceStatus.Pass, (await world.Records.GetAsync(World.Account, default))!.Verdict.Status);
    }
}
