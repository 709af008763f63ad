using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Testing;
using DriftWatch.Worker.Tests.Support;

namespace DriftWatch.Worker.Tests.EndToEnd;

/// <summary>
/// A trail's destination on the real path through moto: the sweep reads the bucket afresh and finds it gone (no event
/// needed), while an evaluation triggered by a CloudTrail event reuses the destination read before and costs
/// CloudTrail's calls only.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class DestinationDetectionTests(DeployedMoto moto)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheSweepFindsADeletedBucketOpensAnIncidentNamingItAndResolvesOnceTheBucketIsBack()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
            ["DriftWatch:Sweep:Interval"] = "00:00:02",
        });
        await world.FirstSeenPassAsync(Wait);

        await world.Trails.DeleteBucketAsync(World.Bucket);

        var opened = await webhook.WaitForAsync("incident.opened", Wait);
        Assert.Equal("sweep", (string?)opened.Json["cause"]!["kind"]);
        Assert.Contains(
            opened.Json["reasons"]!.AsArray(),
            r => ((string?)r)!.Contains($"bucket {World.Bucket} does not exist", StringComparison.Ordinal));
        Assert.Contains(opened.Json["remediation"]!.AsArray(), r => ((string?)r)!.StartsWith($"aws s3api create-bucket --bucket {World.Bucket}", StringComparison.Ordinal));
        var drop = (await world.Records.ListTransitionsAsync(World.Account, null, default))[0];
        Assert.Equal((ComplianceStatus.Fail, EvaluationCause.SweepKind), (drop.To, drop.Cause.Kind));
        Assert.Equal($"bucket {World.Bucket} does not exist", drop.After.Trails[0].DestinationProblem);

        await world.Trails.CreateBucketAsync(World.Bucket);

        await webhook.WaitForAsync("incident.resolved", Wait);
    }

    [Fact]
    public async Task AOneDayLifecycleRuleOpensAnIntegrityIncidentNamingBucketAndRuleLeavesCoverageAloneAndALongerRuleResolvesIt()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
            ["DriftWatch:Sweep:Interval"] = "00:00:02",
        });
        await world.FirstSeenPassAsync(Wait);

        await world.Trails.PutExpirationRuleAsync(World.Bucket, "purge-logs", days: 1);

        var opened = await webhook.WaitForAsync("incident.opened", Wait);
        Assert.Equal(IncidentKind.Integrity, (string?)opened.Json["kind"]);
        Assert.Contains(
            opened.Json["reasons"]!.AsArray(),
            r => ((string?)r)!.Contains(World.Bucket, StringComparison.Ordinal) && ((string?)r)!.Contains("purge-logs", StringComparison.Ordinal));
        var integrity = Assert.Single(await world.Records.ListIncidentsAsync(openOnly: true, default));
        Assert.Equal(IncidentKind.Integrity, integrity.Kind);

        await world.Trails.PutExpirationRuleAsync(World.Bucket, "purge-logs", days: 400);

        var resolved = await webhook.WaitForAsync("incident.resolved", Wait);
        Assert.Equal(IncidentKind.Integrity, (string?)resolved.Json["kind"]);
        Assert.DoesNotContain(webhook.Seen, d => d.Type == "incident.opened" && !d.Body.Contains("\"kind\":\"integrity\"", StringComparison.Ordinal));

        // Coverage never moved: the only transition is the first-seen pass.
        Assert.Equal(ComplianceStatus.Pass, Assert.Single(await world.Records.ListTransitionsAsync(World.Account, null, default)).To);
    }

    [Fact]
    public async Task ACloudTrailEventReusesTheDestinationReadBeforeAndCostsOnlyCloudTrailCalls()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint);
        var first = await world.FirstSeenPassAsync(Wait);
        await world.Trails.DeleteBucketAsync(World.Bucket);

        try
        {
            await world.PublishAsync("StartLogging", Drift.HomeRegion, Drift.Trail);

            // Evaluated (the state's version moves) from CloudTrail alone: the bucket read at start stands until the sweep.
            await Eventually.MatchAsync(() => world.Records.GetAsync(World.Account, default), s => s!.Version > first.Version, Wait, "re-evaluation");
            await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "queue drained");
            Assert.Equal(ComplianceStatus.Pass, Assert.Single(await world.Records.ListTransitionsAsync(World.Account, null, default)).To);
            Assert.Contains(worker.Logs.Lines, l => l.Contains("unchanged: Pass (3 CloudTrail calls)", StringComparison.Ordinal));
        }
        finally
        {
            await world.Trails.CreateBucketAsync(World.Bucket);
        }
    }
}
