using System.Text.Json.Nodes;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Testing;
using DriftWatch.Worker.Events;
using DriftWatch.Worker.Messages;
using DriftWatch.Worker.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.EndToEnd;

/// <summary>
/// A call AWS refused, on moto: its CloudTrail record (AccessDenied) reaches the worker, which reads no trail, records
/// the attempt in the history, sends one attempt.denied notice naming the call, actor, source IP, region and error
/// code, and opens no incident; the same message delivered again records and sends nothing more.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class DeniedAttemptTests(DeployedMoto moto)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ADeniedStopLoggingIsAnnouncedOnceNamingWhoFromWhereAndOpensNoIncident()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Webhook(webhook));
        var first = await world.FirstSeenPassAsync(Wait);
        var eventId = Guid.NewGuid().ToString();
        var record = DeniedCalls.StopLogging(World.Account, Drift.HomeRegion, Drift.Trail, eventId);

        // The same record twice: EventBridge and SQS deliver at least once.
        await PublishAsync(world, record, Drift.HomeRegion);
        await PublishAsync(world, record, Drift.HomeRegion);

        var denied = await webhook.WaitForAsync(IncidentNotice.AttemptDenied, Wait);
        Assert.Equal($"denied-{World.Account}-{eventId}", (string?)denied.Json["incidentId"]);
        Assert.Equal((World.Account, "coverage", "pass"), ((string?)denied.Json["account"], (string?)denied.Json["kind"], (string?)denied.Json["status"]));
        var cause = denied.Json["cause"]!;
        Assert.Equal(
            ("StopLogging", eventId, DeniedCalls.Actor(World.Account), DeniedCalls.SourceIp, Drift.HomeRegion, "AccessDenied"),
            ((string?)cause["eventName"], (string?)cause["eventId"], (string?)cause["actor"], (string?)cause["sourceIp"], (string?)cause["region"], (string?)cause["errorCode"]));
        Assert.Equal(DeniedCalls.UserAgent, (string?)cause["userAgent"]);

        await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "both messages handled");
        await Eventually.MatchAsync(() => Outbox(worker).ListPendingAsync(default), p => p.Count == 0, Wait, "outbox empty");
        Assert.Single(webhook.Seen, d => d.Type == IncidentNotice.AttemptDenied);
        Assert.DoesNotContain(webhook.Seen, d => d.Type != IncidentNotice.AttemptDenied);
        Assert.Empty(await world.Records.ListIncidentsAsync(openOnly: false, default));

        // Nothing was evaluated: the state is the one the start-up sweep wrote, and the only transition its first pass.
        Assert.Equal(first.Version, (await world.Records.GetAsync(World.Account, default))!.Version);
        Assert.Equal(ComplianceStatus.Pass, Assert.Single(await world.Records.ListTransitionsAsync(World.Account, null, default)).To);
        var attempt = Assert.Single(await world.Records.ListAttemptsAsync(World.Account, null, default));
        Assert.Equal((eventId, "StopLogging", "AccessDenied", DeniedCalls.SourceIp), (attempt.Event.EventId, attempt.Event.EventName, attempt.Event.ErrorCode, attempt.Event.SourceIp));
        Assert.Equal(denied.Body, StoredJson.Write(attempt.Notice));
    }

    [Fact]
    public async Task ADeniedLeaveOrganizationIsAnnouncedOnceAndOpensNoIncident()
    {
        // Organizations records arrive in us-east-1 with source aws.organizations; the forwarder there carries them.
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Webhook(webhook));
        await world.FirstSeenPassAsync(Wait);
        var eventId = Guid.NewGuid().ToString();
        var record = DeniedCalls.LeaveOrganization(World.Account, eventId);

        await PublishAsync(world, record, "us-east-1", "aws.organizations");
        await PublishAsync(world, record, "us-east-1", "aws.organizations");

        var denied = await webhook.WaitForAsync(IncidentNotice.AttemptDenied, Wait);
        var cause = denied.Json["cause"]!;
        Assert.Equal(
            ("coverage", "LeaveOrganization", DeniedCalls.Actor(World.Account), DeniedCalls.SourceIp, "us-east-1", "AccessDenied"),
            ((string?)denied.Json["kind"], (string?)cause["eventName"], (string?)cause["actor"], (string?)cause["sourceIp"], (string?)cause["region"], (string?)cause["errorCode"]));
        await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "both messages handled");
        await Eventually.MatchAsync(() => Outbox(worker).ListPendingAsync(default), p => p.Count == 0, Wait, "outbox empty");
        Assert.Single(webhook.Seen, d => d.Type == IncidentNotice.AttemptDenied);
        Assert.Empty(await world.Records.ListIncidentsAsync(openOnly: false, default));
        Assert.Equal("LeaveOrganization", Assert.Single(await world.Records.ListAttemptsAsync(null, null, default)).Event.EventName);
    }

    [Fact]
    public async Task ARefusedStartLoggingIsAcknowledgedAndNothingMore()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Webhook(webhook));
        var first = await world.FirstSeenPassAsync(Wait);
        var record = DeniedCalls.StopLogging(World.Account, Drift.HomeRegion, Drift.Trail, Guid.NewGuid().ToString());
        record["eventName"] = "StartLogging";

        await PublishAsync(world, record, Drift.HomeRegion);

        await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "message handled");
        Assert.Empty(webhook.Seen);
        Assert.Empty(await world.Records.ListAttemptsAsync(null, null, default));
        Assert.Equal(first.Version, (await world.Records.GetAsync(World.Account, default))!.Version);
        Assert.Contains(worker.Logs.Lines, l => l.Contains("cannot reduce coverage: ignored", StringComparison.Ordinal));
    }

    private static async Task PublishAsync(World world, JsonObject record, string region, string source = CloudTrailEvent.Source)
    {
        var result = await world.Aws.GetRequiredService<IEventBridgeClient>().PutEventsAsync(
            region,
            [new EventEntry(source, CloudTrailEvent.DetailType, record.ToJsonString())],
            CancellationToken.None);
        Assert.Equal(0, result.FailedEntryCount);
    }

    private static INoticeOutbox Outbox(WorkerHost worker) => worker.Services.GetRequiredService<INoticeOutbox>();

    private static Dictionary<string, string?> Webhook(WebhookReceiver webhook) => new()
    {
        ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
    };
}
