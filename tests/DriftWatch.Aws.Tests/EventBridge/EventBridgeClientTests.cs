using System.Text.Json.Nodes;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.EventBridge;

public sealed class EventBridgeClientTests : IDisposable
{
    private readonly FakeAwsHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task ReportsAcceptedIdsAndFailedEntriesOfAPartialFailure()
    {
        _handler.Reply(FakeReply.Ok("""
            {"FailedEntryCount":1,"Entries":[{"EventId":"e-1"},{"ErrorCode":"InternalFailure","ErrorMessage":"boom"}]}
            """));
        using var aws = new TestAws(_handler);

        var result = await aws.EventBridge.PutEventsAsync("eu-west-2", [Entry(), Entry()], CancellationToken.None);

        Assert.Equal(1, result.FailedEntryCount);
        Assert.Equal(["e-1"], result.EventIds);
        Assert.Equal("InternalFailure", result.Entries[1].ErrorCode);
    }

    [Fact]
    public async Task ThrowsWhenNoEntryWasAccepted()
    {
        _handler.Reply(FakeReply.Ok("""{"FailedEntryCount":1,"Entries":[{"ErrorCode":"AccessDeniedException","ErrorMessage":"no"}]}"""));
        using var aws = new TestAws(_handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.EventBridge.PutEventsAsync("eu-west-2", [Entry()], CancellationToken.None));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Equal("PutEvents", error.Operation);
    }

    [Fact]
    public async Task SendsTheBusAndResourcesOnlyWhenGiven()
    {
        _handler.Reply(FakeReply.Ok("""{"FailedEntryCount":0,"Entries":[{"EventId":"a"},{"EventId":"b"}]}"""));
        using var aws = new TestAws(_handler);

        await aws.EventBridge.PutEventsAsync(
            "eu-west-2", [Entry(), Entry() with { EventBusName = "central", Resources = ["arn:x"] }], CancellationToken.None);

        var entries = JsonNode.Parse(_handler.Requests[0].Body)!["Entries"]!.AsArray();
        Assert.Null(entries[0]!["EventBusName"]);
        Assert.Null(entries[0]!["Resources"]);
        Assert.Equal("central", entries[1]!["EventBusName"]!.GetValue<string>());
        Assert.Equal("arn:x", entries[1]!["Resources"]![0]!.GetValue<string>());
        Assert.Equal("""{"eventName":"StopLogging"}""", entries[0]!["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishesInBatchesOfTen()
    {
        var ids = string.Join(",", Enumerable.Repeat("""{"EventId":"x"}""", 10));
        _handler.Reply(FakeReply.Ok($$"""{"FailedEntryCount":0,"Entries":[{{ids}}]}"""), FakeReply.Ok("""{"FailedEntryCount":0,"Entries":[{"EventId":"y"}]}"""));
        using var aws = new TestAws(_handler);

        var result = await aws.EventBridge.PutEventsAsync("eu-west-2", Enumerable.Repeat(Entry(), 11).ToList(), CancellationToken.None);

        Assert.Equal(11, result.EventIds.Count);
        Assert.Equal(2, _handler.Requests.Count);
    }

    private static EventEntry Entry() => new("aws.cloudtrail", "AWS API Call via CloudTrail", """{"eventName":"StopLogging"}""");
}
