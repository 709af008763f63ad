using System.Text.Json.Nodes;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Http;
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

    [Fact]
    public async Task ReadsAForwarderRuleItsStatePatternAndEveryTarget()
    {
        await moto.Server.ResetAsync();
        using var aws = AwsServices.ForMoto(moto.Endpoint);
        var json = aws.GetRequiredService<Json11Client>();
        const string pattern = """{"source":["aws.cloudtrail"],"detail":{"eventName":["StopLogging"]}}""";
        // Made as an operator (or an attacker) makes it: DriftWatch's client only reads rules.
        await json.SendAsync(AwsService.EventBridge, "PutRule", "eu-west-1", new JsonObject { ["Name"] = "driftwatch-forwarder", ["EventPattern"] = pattern, ["State"] = "DISABLED" }, CancellationToken.None);
        await json.SendAsync(AwsService.EventBridge, "PutTargets", "eu-west-1", new JsonObject
        {
            ["Rule"] = "driftwatch-forwarder",
            ["Targets"] = new JsonArray(
                new JsonObject { ["Id"] = "central", ["Arn"] = "arn:aws:events:us-east-1:123456789012:event-bus/driftwatch", ["RoleArn"] = "arn:aws:iam::123456789012:role/fwd" },
                new JsonObject { ["Id"] = "other", ["Arn"] = "arn:aws:sqs:eu-west-1:123456789012:q" }),
        }, CancellationToken.None);
        var events = aws.GetRequiredService<IEventBridgeClient>();

        var rule = await events.DescribeRuleAsync(MotoAws.AccountId, "eu-west-1", "driftwatch-forwarder", CancellationToken.None);
        var targets = await events.ListTargetsByRuleAsync(MotoAws.AccountId, "eu-west-1", "driftwatch-forwarder", CancellationToken.None);

        Assert.NotNull(rule);
        Assert.Equal("DISABLED", rule.State);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(pattern), JsonNode.Parse(rule.EventPattern!)));
        Assert.Equal(
            [("central", "arn:aws:events:us-east-1:123456789012:event-bus/driftwatch", "arn:aws:iam::123456789012:role/fwd"), ("other", "arn:aws:sqs:eu-west-1:123456789012:q", (string?)null)],
            targets.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => (t.Id, t.Arn, t.RoleArn)));
    }

    [Fact]
    public async Task AMissingRuleReadsAsNoneAndNotAsAnError()
    {
        await moto.Server.ResetAsync();
        using var aws = AwsServices.ForMoto(moto.Endpoint);

        var rule = await aws.GetRequiredService<IEventBridgeClient>().DescribeRuleAsync(MotoAws.AccountId, "eu-west-1", "driftwatch-forwarder", CancellationToken.None);

        Assert.Null(rule);
    }
}
