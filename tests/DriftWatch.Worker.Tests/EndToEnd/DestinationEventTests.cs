using System.Text.Json.Nodes;
using DriftWatch.Aws;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.EndToEnd;

/// <summary>
/// S3 calls through the deployed regional rule, the central bus and SQS to the real worker: one about a bucket no
/// trail uses costs one DescribeTrails and records nothing; one about the trail's own bucket is evaluated.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class DestinationEventTests(DeployedMoto moto)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("DeleteBucketPolicy")]
    [InlineData("PutBucketPolicy")]
    public async Task AnS3CallAboutABucketNoTrailUsesCostsOneDescribeTrailsAndRecordsNothing(string eventName)
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint);
        var before = await world.FirstSeenPassAsync(Wait);
        var counter = worker.Services.GetRequiredService<ApiCallCounter>();
        var calls = counter.Total;

        await PublishS3Async(world, eventName, "website-assets-7c1f");

        await Eventually.MatchAsync(
            () => Task.FromResult(worker.Logs.Lines), l => l.Any(x => x.Contains("which no trail uses: not evaluated", StringComparison.Ordinal)), Wait, "the event matched");
        await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "queue drained");
        Assert.Equal(1, counter.Total - calls);
        var after = await world.Records.GetAsync(World.Account, default);
        Assert.Equal(before.Version, after!.Version);
        Assert.Single(await world.Records.ListTransitionsAsync(World.Account, null, default));
        Assert.Equal(0, await world.DepthAsync("driftwatch-events-dlq"));
    }

    [Fact]
    public async Task AnS3CallAboutTheTrailsBucketIsEvaluated()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync(Drift.Trail, Drift.HomeRegion);
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint);
        var before = await world.FirstSeenPassAsync(Wait);

        await PublishS3Async(world, "PutBucketPolicy", World.Bucket);

        await Eventually.MatchAsync(() => world.Records.GetAsync(World.Account, default), s => s!.Version > before.Version, Wait, "re-evaluation");
        await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "queue drained");
    }


    /// <summary>An S3 bucket-policy call as CloudTrail records it (bucketName, Host, the bucket in resources), published in a forwarded region.</summary>
    private static async Task PublishS3Async(World world, string eventName, string bucket)
    {
        var detail = new JsonObject
        {
            ["eventVersion"] = "1.10",
            ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["arn"] = $"arn:aws:iam::{World.Account}:user/mallory", ["accountId"] = World.Account },
            ["eventTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["eventSource"] = "s3.amazonaws.com",
            ["eventName"] = eventName,
            ["awsRegion"] = Drift.HomeRegion,
            ["sourceIPAddress"] = "203.0.113.90",
            ["userAgent"] = "[aws-cli/2.17.20 command/s3api]",
            ["requestParameters"] = new JsonObject { ["bucketName"] = bucket, ["Host"] = $"{bucket}.s3.{Drift.HomeRegion}.amazonaws.com", ["policy"] = "" },
            ["responseElements"] = null,
            ["requestID"] = "R7Q2K9XW3M5B8N1C",
            ["eventID"] = Guid.NewGuid().ToString(),
            ["readOnly"] = false,
            ["resources"] = new JsonArray(new JsonObject { ["accountId"] = World.Account, ["type"] = "AWS::S3::Bucket", ["ARN"] = $"arn:aws:s3:::{bucket}" }),
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = World.Account,
            ["eventCategory"] = "Management",
        };
        var result = await world.Aws.GetRequiredService<IEventBridgeClient>().PutEventsAsync(
            Drift.HomeRegion, [new EventEntry("aws.s3", MonitoredCalls.ApiCallDetailType, detail.ToJsonString())], CancellationToken.None);
        Assert.Equal(0, result.FailedEntryCount);
    }
}
