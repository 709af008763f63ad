using DriftWatch.Aws.EventBridge;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.EventBridge;

[Collection(MotoCollection.Name)]
public sealed class EventBridgeClientMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task PublishesACloudTrailShapedEvent()
    {
        await moto.Server.ResetAsync();
        using var aws = AwsServices.ForMoto(moto.Endpoint);
        var entry = new EventEntry(
            "aws.cloudtrail",
            "AWS API Call via CloudTrail",
            """{"eventName":"StopLogging","awsRegion":"us-east-1","recipientAccountId":"123456789012"}""");

        var result = await aws.GetRequiredService<IEventBridgeClient>().PutEventsAsync("us-east-1", [entry], CancellationToken.None);

        Assert.Equal(0, result.FailedEntryCount);
        Assert.Single(result.EventIds);
    }
}
