using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Amazon.SQS.Model;
using Amazon.SQS;
using Amazon;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Testing;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>
/// The cloud a test acts on: real CloudTrail changes, real EventBridge events, and what landed in SQS and DynamoDB.
/// Created per test; it first removes every trail, message and record an earlier test left.
/// </summary>
public sealed class World : IAsyncDisposable
{
    /// <summary>moto's default account.</summary>
    public const string Account = MotoAws.AccountId;

    /// <summary>Bucket every test trail delivers to.</summary>
    public const string Bucket = "driftwatch-test-logs";

    private World(Uri endpoint)
    {
        Endpoint = endpoint;
        Trails = new CloudTrailDriver(endpoint);
        Aws = AwsServices.ForMoto(endpoint, region: StackDeployment.CentralRegion);
        Sqs = new AmazonSQSClient(MotoAws.Credentials, new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = StackDeployment.CentralRegion });
        Dynamo = new AmazonDynamoDBClient(MotoAws.Credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = StackDeployment.CentralRegion });
        Records = new DynamoDbStateStore(Dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
    }

    /// <summary>moto.</summary>
    public Uri Endpoint { get; }

    /// <summary>Makes real trail changes.</summary>
    public CloudTrailDriver Trails { get; }

    /// <summary>DriftWatch's own AWS services (EventBridge for publishing), as AddDriftWatchAws registers them.</summary>
    public ServiceProvider Aws { get; }

    /// <summary>The queues.</summary>
    public IAmazonSQS Sqs { get; }

    /// <summary>The tables.</summary>
    public IAmazonDynamoDB Dynamo { get; }

    /// <summary>Transitions and incidents as the worker recorded them.</summary>
    public DynamoDbStateStore Records { get; }

    /// <summary>A clean world on the deployed moto.</summary>
    public static async Task<World> CleanAsync(DeployedMoto moto)
    {
        var world = new World(moto.Endpoint);
        await world.RemoveEverythingAsync();
        await world.Trails.CreateBucketAsync(Bucket);
        return world;
    }

    /// <summary>A multi-region trail that passes: management events read and write, logging.</summary>
    public async Task CreateCompliantTrailAsync(string name, string homeRegion)
    {
        await Trails.CreateTrailAsync(name, homeRegion, multiRegion: true, Bucket);
        await RestoreSelectorsAsync(name, homeRegion);
        await Trails.StartLoggingAsync(name, homeRegion);
    }

    /// <summary>Puts back selectors recording all management events.</summary>
    public Task RestoreSelectorsAsync(string name, string homeRegion) =>
        Trails.PutEventSelectorsAsync(name, homeRegion, """[{"ReadWriteType":"All","IncludeManagementEvents":true}]""");

    /// <summary>Waits for the start-up sweep to record the account's first verdict, a pass; returns that state.</summary>
    public async Task<AccountState> FirstSeenPassAsync(TimeSpan wait)
    {
        await Eventually.MatchAsync(
            () => Records.ListTransitionsAsync(Account, null, default),
            t => t.Count == 1 && t[0].To == ComplianceStatus.Pass,
            wait,
            "first-seen pass");
        return (await Records.GetAsync(Account, default))!;
    }

    /// <summary>Publishes the CloudTrail event AWS would emit for a call (moto emits none by itself).</summary>
    public async Task<string> PublishAsync(string eventName, string region, string trailName, string actor = "arn:aws:iam::123456789012:user/mallory", string sourceIp = "203.0.113.7", string userAgent = "aws-cli/2.15.0")
    {
        var eventId = Guid.NewGuid().ToString();
        var detail = CloudTrailEvent.Detail(eventName, region, trailName, Account, eventId, actor: actor, sourceIp: sourceIp, userAgent: userAgent);
        var result = await Aws.GetRequiredService<IEventBridgeClient>().PutEventsAsync(
            region,
            [CloudTrailEvent.Entry(detail)],
            CancellationToken.None);
        Assert.Equal(0, result.FailedEntryCount);
        return eventId;
    }

    /// <summary>Sends a raw body straight to the events queue, as a forger with queue access could.</summary>
    public async Task SendRawAsync(string body) =>
        await Sqs.SendMessageAsync(await QueueUrlAsync(new QueueOptions().Name), body);

    /// <summary>Messages waiting or in flight in a queue.</summary>
    public Task<int> DepthAsync(string queueName) => WorkerRecords.DepthAsync(Sqs, queueName);

    /// <summary>Reads (and leaves) what the dead-letter queue holds.</summary>
    public async Task<IReadOnlyList<Message>> PeekDeadLettersAsync()
    {
        var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = await QueueUrlAsync(new QueueOptions().DeadLetterName),
            MaxNumberOfMessages = 10,
            VisibilityTimeout = 0,
            MessageAttributeNames = ["All"],
        });
        return response.Messages ?? [];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Trails.Dispose();
        Sqs.Dispose();
        Dynamo.Dispose();
        return Aws.DisposeAsync();
    }

    private async Task<string> QueueUrlAsync(string name) => (await Sqs.GetQueueUrlAsync(name)).QueueUrl;

    private async Task RemoveEverythingAsync()
    {
        foreach (var region in StackDeployment.Regions)
        {
            foreach (var trail in await Aws.GetRequiredService<ICloudTrailClient>().DescribeTrailsAsync(Account, region, CancellationToken.None))
            {
                await Trails.DeleteTrailAsync(trail.Name, trail.HomeRegion);
            }
        }

        await WorkerRecords.ClearAsync(Sqs, Dynamo);
    }
}
