using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Core;
using DriftWatch.Worker.Options;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Outbox;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Bench.Harness;

/// <summary>
/// moto on a free loopback port with infra/ deployed by infra/deploy.sh (the real templates), plus the clients the
/// bench drives it with: real CloudTrail changes, CloudTrail events through PutEvents, the queues and the tables.
/// </summary>
public sealed class BenchCloud : IAsyncDisposable
{
    /// <summary>moto's default account.</summary>
    public const string Account = MotoAws.AccountId;

    /// <summary>The trail every scenario watches: multi-region, homed outside the central region.</summary>
    public const string Trail = "org-audit";

    /// <summary>Its home region; the worker reads from the central region.</summary>
    public const string HomeRegion = "eu-west-1";

    /// <summary>Bucket the trails deliver to.</summary>
    public const string Bucket = "driftwatch-bench-logs";

    private readonly MotoServer _moto;

    private BenchCloud(MotoServer moto, TimeSpan deployTime)
    {
        _moto = moto;
        DeployTime = deployTime;
        Trails = new CloudTrailDriver(moto.Endpoint);
        Aws = AwsServices.ForMoto(moto.Endpoint, region: StackDeployment.CentralRegion);
        Sqs = new AmazonSQSClient(MotoAws.Credentials, new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = StackDeployment.CentralRegion });
        Dynamo = new AmazonDynamoDBClient(MotoAws.Credentials, new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = StackDeployment.CentralRegion });
    }

    /// <summary>The moto endpoint.</summary>
    public Uri Endpoint => _moto.Endpoint;

    /// <summary>moto's process id (for its memory).</summary>
    public int MotoPid => _moto.Pid ?? throw new InvalidOperationException("the bench launches its own moto");

    /// <summary>How long infra/deploy.sh took.</summary>
    public TimeSpan DeployTime { get; }

    /// <summary>Makes real trail changes.</summary>
    public CloudTrailDriver Trails { get; }

    /// <summary>DriftWatch's own AWS services (EventBridge, CloudTrail), as AddDriftWatchAws registers them.</summary>
    public ServiceProvider Aws { get; }

    /// <summary>The queues.</summary>
    public IAmazonSQS Sqs { get; }

    /// <summary>The tables.</summary>
    public IAmazonDynamoDB Dynamo { get; }

    /// <summary>Starts moto and deploys the templates.</summary>
    public static async Task<BenchCloud> StartAsync()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        // Its own moto, whatever DRIFTWATCH_MOTO_URL says: the bench reads its memory by PID.
        var moto = await MotoServer.LaunchAsync();
        var clock = Stopwatch.StartNew();
        await StackDeployment.DeployAsync(moto.Endpoint);
        var cloud = new BenchCloud(moto, clock.Elapsed);
        await cloud.Trails.CreateBucketAsync(Bucket);
        return cloud;
    }

    /// <summary>A multi-region trail that passes: management events read and write, logging.</summary>
    public async Task CreateCompliantTrailAsync(string name, string homeRegion)
    {
        await Trails.CreateTrailAsync(name, homeRegion, multiRegion: true, Bucket);
        await Trails.PutEventSelectorsAsync(name, homeRegion, """[{"ReadWriteType":"All","IncludeManagementEvents":true}]""");
        await Trails.StartLoggingAsync(name, homeRegion);
    }

    /// <summary>
    /// With per-account AssumeRole in the product, gives each account (as itself, through AssumeRole) a bucket, a
    /// compliant trail and the forwarder rule in <see cref="HomeRegion"/> (pattern and targets copied from the one
    /// infra/deploy.sh made in moto's default account), so its evaluations read a real account and its forwarder
    /// check passes; without AssumeRole there is nothing to do. A sweep watching a region with no forwarder opens a
    /// monitoring incident for it, 17 per account at the 17 default regions: moto passed 1.4 GB before a first sweep
    /// had reached 50 of 100 accounts. The scenarios that sweep watch <see cref="HomeRegion"/> only.
    /// </summary>
    public async Task ProvisionAccountsAsync(IReadOnlyList<string> accounts)
    {
        if (!RolesLanded.InTree())
        {
            return;
        }

        using var deployed = new ForwarderRules(Endpoint);
        var pattern = await deployed.PatternAsync(HomeRegion);
        var targets = await deployed.TargetsAsync(HomeRegion);
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (account, ct) =>
        {
            using var assumed = await AssumedAccount.AssumeAsync(Endpoint, account, ct);
            await assumed.DeleteTrailsAsync([StackDeployment.CentralRegion], ct);
            await assumed.CreateBucketAsync(ct);
            await assumed.CreateCompliantTrailAsync(Trail, HomeRegion, cancellationToken: ct);
            await assumed.PutForwarderAsync(HomeRegion, pattern, targets, ct);
        });
    }

    /// <summary>Deletes every trail.</summary>
    public async Task DeleteAllTrailsAsync()
    {
        foreach (var trail in await Aws.GetRequiredService<ICloudTrailClient>().DescribeTrailsAsync(Account, StackDeployment.CentralRegion, CancellationToken.None))
        {
            await Trails.DeleteTrailAsync(trail.Name, trail.HomeRegion);
        }
    }

    /// <summary>Publishes the event through the home region's bus (regional rule -> central bus -> queue); returns its id.</summary>
    public async Task<string> PublishAsync(string eventName, string region, string trailName, string account = Account)
    {
        var eventId = Guid.NewGuid().ToString();
        var result = await Aws.GetRequiredService<IEventBridgeClient>().PutEventsAsync(
            region,
            [CloudTrailEvent.Entry(CloudTrailEvent.Detail(eventName, region, trailName, account, eventId))],
            CancellationToken.None);
        if (result.FailedEntryCount != 0)
        {
            throw new InvalidOperationException($"PutEvents refused the event: {result.Entries[0].ErrorCode}");
        }

        return eventId;
    }

    /// <summary>A queue's URL by name.</summary>
    public async Task<string> QueueUrlAsync(string? name = null) => (await Sqs.GetQueueUrlAsync(name ?? new QueueOptions().Name)).QueueUrl;

    /// <summary>Messages waiting or in flight.</summary>
    public Task<int> DepthAsync() => WorkerRecords.DepthAsync(Sqs);

    /// <summary>Empties both queues and the three tables.</summary>
    public Task ClearRecordsAsync() => WorkerRecords.ClearAsync(Sqs, Dynamo);

    /// <summary>Empties the three tables; what is queued stays.</summary>
    public Task ClearTablesAsync() => WorkerRecords.ClearTablesAsync(Dynamo);

    /// <summary>Version (= evaluations committed) per account in the state table.</summary>
    public async Task<Dictionary<string, long>> StateVersionsAsync()
    {
        var versions = new Dictionary<string, long>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Dynamo.ScanAsync(new ScanRequest { TableName = new StorageOptions().StateTable, ExclusiveStartKey = start });
            // The state table also holds the monitor's own items (region watches, leases), keyed apart from accounts.
            foreach (var item in (page.Items ?? []).Where(i => AwsIds.IsAccountId(i["AccountId"].S)))
            {
                versions[item["AccountId"].S] = long.Parse(item["Version"].N, CultureInfo.InvariantCulture);
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return versions;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Trails.Dispose();
        await Aws.DisposeAsync();
        Sqs.Dispose();
        Dynamo.Dispose();
        await _moto.DisposeAsync();
    }
}
