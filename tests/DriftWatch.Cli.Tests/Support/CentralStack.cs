using Amazon.DynamoDBv2;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Testing;
using DriftWatch.Worker.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>
/// infra/ deployed into the (freshly reset) moto: the queue and tables `watch`, `history` and `incidents` use, a way to
/// publish the CloudTrail events moto never emits, and direct writes of records for the read commands' tests.
/// </summary>
public sealed class CentralStack(MotoFixture moto)
{
    /// <summary>The region of the queue and tables.</summary>
    public const string Region = StackDeployment.CentralRegion;

    /// <summary>What a driftwatch process needs to find the stack (the endpoint explicitly, as an operator would set it).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["DriftWatch__Aws__EndpointUrl"] = moto.Endpoint.ToString(),
        ["DriftWatch__Aws__Region"] = Region,
        ["DriftWatch__Aws__MaxAttempts"] = "2",
    };

    /// <summary>Deploys the templates with infra/deploy.sh (about 5 s).</summary>
    public static async Task<CentralStack> DeployAsync(MotoFixture moto)
    {
        await StackDeployment.DeployAsync(moto.Endpoint);
        return new CentralStack(moto);
    }

    /// <summary>Publishes the CloudTrail record AWS would put on the region's default bus for the call.</summary>
    public async Task PublishAsync(string eventName, string region, string trailName)
    {
        var detail = CloudTrailEvent.Detail(eventName, region, trailName, MotoAws.AccountId, Guid.NewGuid().ToString());
        await using var aws = AwsServices.ForMoto(moto.Endpoint, region: Region);
        var result = await aws.GetRequiredService<IEventBridgeClient>().PutEventsAsync(
            region,
            [CloudTrailEvent.Entry(detail)],
            CancellationToken.None);
        Assert.Equal(0, result.FailedEntryCount);
    }

    /// <summary>Records a denied attempt with its notice, as the worker's attempt path would.</summary>
    public async Task RecordAttemptAsync(DeniedAttempt attempt)
    {
        using var dynamo = new AmazonDynamoDBClient(MotoAws.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = moto.Endpoint.ToString(),
            AuthenticationRegion = Region,
        });
        var store = new DynamoDbStateStore(dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
        Assert.True(await store.RecordAttemptAsync(attempt, CancellationToken.None));
    }

    /// <summary>Writes a state, its transition and the incident it opened (if any), as the worker would.</summary>
    public async Task RecordAsync(AccountState previous, StateDecision decision)
    {
        using var dynamo = new AmazonDynamoDBClient(MotoAws.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = moto.Endpoint.ToString(),
            AuthenticationRegion = Region,
        });
        var store = new DynamoDbStateStore(dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
        Assert.True(await store.CommitAsync(previous.Version == 0 ? null : previous, decision, CancellationToken.None));
    }
}
