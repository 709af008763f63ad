using System.Security.Cryptography;
using System.Text;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Tests.Support;

namespace DriftWatch.Worker.Tests.EndToEnd;

/// <summary>
/// The whole path on moto: a real trail change, its CloudTrail event through the deployed EventBridge rules and SQS,
/// the real worker host, transitions in DynamoDB, and incidents at a local webhook.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class RealTimeDetectionTests(DeployedMoto moto)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Drift.Names), MemberType = typeof(Drift))]
    public async Task ADropMadeInAnotherRegionOpensAnIncidentNamingWhoAndFromWhereAndResolvesWhenRestored(string change)
    {
        var drift = Drift.All[change];
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Webhook(webhook, secret: "s3cret-hmac-key"));
        await world.FirstSeenPassAsync(Wait);

        await drift.Break(world);
        var eventId = await world.PublishAsync(drift.BreakEvent, Drift.HomeRegion, Drift.Trail, sourceIp: "198.51.100.23", userAgent: "aws-cli/2.15 \u001b[31mred");

        var opened = await webhook.WaitForAsync("incident.opened", Wait);
        Assert.Equal(World.Account, (string?)opened.Json["account"]);
        Assert.Equal("fail", (string?)opened.Json["status"]);
        Assert.Equal(drift.BreakEvent, (string?)opened.Json["cause"]!["eventName"]);
        Assert.Equal(eventId, (string?)opened.Json["cause"]!["eventId"]);
        Assert.Equal("arn:aws:iam::123456789012:user/mallory", (string?)opened.Json["cause"]!["actor"]);
        Assert.Equal("198.51.100.23", (string?)opened.Json["cause"]!["sourceIp"]);
        Assert.Equal(Drift.HomeRegion, (string?)opened.Json["cause"]!["region"]);
        Assert.NotEmpty(opened.Json["remediation"]!.AsArray());
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret-hmac-key"u8, Encoding.UTF8.GetBytes(opened.Body))), opened.Signature);

        var drop = (await world.Records.ListTransitionsAsync(World.Account, null, default))[0];
        Assert.Equal((ComplianceStatus?)ComplianceStatus.Pass, drop.From);
        Assert.Equal(ComplianceStatus.Fail, drop.To);
        var cause = Assert.Single(drop.Cause.Events);
        Assert.Equal((drift.BreakEvent, eventId, "198.51.100.23"), (cause.EventName, cause.EventId, cause.SourceIp));
        Assert.Equal("arn:aws:iam::123456789012:user/mallory", cause.ActorArn);
        Assert.True(drop.Before!.Trails.Single().Covers);
        var incident = Assert.Single(await world.Records.ListIncidentsAsync(openOnly: true, default));
        Assert.Equal((string?)opened.Json["incidentId"], incident.IncidentId);

        await drift.Restore(world);
        foreach (var restoreEvent in drift.RestoreEvents)
        {
            await world.PublishAsync(restoreEvent, Drift.HomeRegion, Drift.Trail);
        }

        var resolved = await webhook.WaitForAsync("incident.resolved", Wait);
        Assert.Equal(incident.IncidentId, (string?)resolved.Json["incidentId"]);
        Assert.Equal("pass", (string?)resolved.Json["status"]);
        var back = (await world.Records.ListTransitionsAsync(World.Account, null, default))[0];
        Assert.Equal((ComplianceStatus?)ComplianceStatus.Fail, back.From);
        Assert.Equal(ComplianceStatus.Pass, back.To);
        Assert.Empty(await world.Records.ListIncidentsAsync(openOnly: true, default));
        Assert.DoesNotContain(worker.Logs.Lines, l => l.Contains('\u001b', StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventWithNoRealChangeBehindItRecordsNoTransition()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Webhook(webhook));
        var first = await world.FirstSeenPassAsync(Wait);

        await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail);

        // The forged event is evaluated (the state's version moves) but the trail, read back, still passes.
        await Eventually.MatchAsync(() => world.Records.GetAsync(World.Account, default), s => s!.Version > first.Version, Wait, "re-evaluation");
        await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "queue drained");
        var transitions = await world.Records.ListTransitionsAsync(World.Account, null, default);
        Assert.Equal(ComplianceStatus.Pass, Assert.Single(transitions).To);
        Assert.Empty(webhook.Seen);
    }

    [Fact]
    public async Task AChangeWithNoEventIsFoundByTheSweep()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(
            moto.Endpoint,
            new Dictionary<string, string?>(Webhook(webhook)) { ["DriftWatch:Sweep:Interval"] = "00:00:02" });
        await world.FirstSeenPassAsync(Wait);

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);

        var opened = await webhook.WaitForAsync("incident.opened", Wait);
        Assert.Equal("sweep", (string?)opened.Json["cause"]!["kind"]);
        var drop = (await world.Records.ListTransitionsAsync(World.Account, null, default))[0];
        Assert.Equal((ComplianceStatus.Fail, EvaluationCause.SweepKind), (drop.To, drop.Cause.Kind));
    }

    [Fact]
    public async Task AMalformedMessageLandsInTheDeadLetterQueueWithItsReasonAndTheNextGoodOneIsProcessed()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Webhook(webhook));
        await world.FirstSeenPassAsync(Wait);

        await world.SendRawAsync("{ this is not json");
        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail);

        await webhook.WaitForAsync("incident.opened", Wait);
        var dead = Assert.Single(await Eventually.MatchAsync(world.PeekDeadLettersAsync, m => m.Count > 0, Wait, "dead letter"));
        Assert.Equal("{ this is not json", dead.Body);
        Assert.StartsWith("not JSON", dead.MessageAttributes["DriftWatchRejection"].StringValue, StringComparison.Ordinal);
        Assert.Contains(worker.Logs.Lines, l => l.Contains("moved to the dead-letter queue: not JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoWorkersOnOneQueueRecordEachTransitionAndIncidentOnce()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var first = await WorkerHost.StartAsync(moto.Endpoint, Webhook(webhook));
        await using var second = await WorkerHost.StartAsync(moto.Endpoint, Webhook(webhook));
        await world.FirstSeenPassAsync(Wait);

        await world.Trails.StopLoggingAsync(Drift.Trail, Drift.HomeRegion);
        for (var i = 0; i < 6; i++)
        {
            // The same drop reported several times, as duplicates and retries would.
            await world.PublishAsync("StopLogging", Drift.HomeRegion, Drift.Trail);
        }

        await webhook.WaitForAsync("incident.opened", Wait);
        await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "queue drained");
        var transitions = await world.Records.ListTransitionsAsync(World.Account, null, default);
        Assert.Equal([ComplianceStatus.Fail, ComplianceStatus.Pass], transitions.Select(t => t.To));
        Assert.Single(await world.Records.ListIncidentsAsync(openOnly: false, default));
        Assert.Single(webhook.Seen, d => d.Type == "incident.opened");
    }

    private static Dictionary<string, string?> Webhook(WebhookReceiver webhook, string? secret = null) => new()
    {
        ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
        ["DriftWatch:Incidents:Webhook:Secret"] = secret,
    };
}
