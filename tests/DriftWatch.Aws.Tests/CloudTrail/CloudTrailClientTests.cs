using System.Text.Json.Nodes;
using DriftWatch.Aws.Tests.Support;
using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Tests.CloudTrail;

public sealed class CloudTrailClientTests : IDisposable
{
    private const string Arn = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main";
    private readonly FakeAwsServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task DescribeTrailsAsksForShadowTrailsAndMapsEachTrail()
    {
        _server.Reply(FakeReply.Ok($$"""
            {"trailList":[{"Name":"main","TrailARN":"{{Arn}}","HomeRegion":"eu-west-1","IsMultiRegionTrail":true,
              "IsOrganizationTrail":true,"S3BucketName":"logs","HasCustomEventSelectors":false}]}
            """));
        using var clients = TestClients.For(_server.Endpoint);

        var trails = await clients.CloudTrail.DescribeTrailsAsync("us-east-1", CancellationToken.None);

        Assert.Equal(new TrailInfo("main", Arn, "eu-west-1", true, true, "logs"), Assert.Single(trails));
        Assert.True(JsonNode.Parse(_server.Requests[0].Body)!["includeShadowTrails"]!.GetValue<bool>());
        Assert.EndsWith(".DescribeTrails", _server.Requests[0].Header("X-Amz-Target"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTrailStatusReadsEpochSecondsAndTreatsEmptyDeliveryFieldsAsUnknown()
    {
        _server.Reply(FakeReply.Ok("""
            {"IsLogging":true,"LatestDeliveryAttemptTime":"2025-01-02T03:04:05Z","LatestDeliveryAttemptSucceeded":"",
             "StartLoggingTime":1735787045,"StopLoggingTime":1735787000.5,"TimeLoggingStopped":""}
            """));
        using var clients = TestClients.For(_server.Endpoint);

        var status = await clients.CloudTrail.GetTrailStatusAsync("eu-west-1", Arn, CancellationToken.None);

        Assert.Equal(
            new TrailStatus(
                IsLogging: true,
                LatestDeliveryAttemptTime: "2025-01-02T03:04:05Z",
                LatestDeliveryAttemptSucceeded: null,
                LatestDeliveryError: null,
                StartLoggingTime: new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
                StopLoggingTime: DateTimeOffset.FromUnixTimeMilliseconds(1735787000500)),
            status);
        Assert.Equal(Arn, JsonNode.Parse(_server.Requests[0].Body)!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task BasicSelectorWithoutReadWriteTypeOrManagementFlagMeansAllManagementEvents()
    {
        _server.Reply(FakeReply.Ok("""{"EventSelectors":[{"DataResources":[]}],"AdvancedEventSelectors":[]}"""));
        using var clients = TestClients.For(_server.Endpoint);

        var selectors = await clients.CloudTrail.GetEventSelectorsAsync("eu-west-1", Arn, CancellationToken.None);

        var basic = Assert.Single(selectors.Basic);
        Assert.Equal(ReadWriteType.All, basic.ReadWriteType);
        Assert.True(basic.IncludeManagementEvents);
        Assert.Empty(basic.ExcludeManagementEventSources);
        Assert.Empty(selectors.Advanced);
    }

    [Fact]
    public async Task BasicSelectorKeepsWhatAwsSaid()
    {
        _server.Reply(FakeReply.Ok("""
            {"EventSelectors":[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":false,"ExcludeManagementEventSources":["kms.amazonaws.com"]}]}
            """));
        using var clients = TestClients.For(_server.Endpoint);

        var selectors = await clients.CloudTrail.GetEventSelectorsAsync("eu-west-1", Arn, CancellationToken.None);

        var basic = Assert.Single(selectors.Basic);
        Assert.Equal(ReadWriteType.WriteOnly, basic.ReadWriteType);
        Assert.False(basic.IncludeManagementEvents);
        Assert.Equal(["kms.amazonaws.com"], basic.ExcludeManagementEventSources);
    }

    [Fact]
    public async Task AdvancedSelectorsAreMappedFieldByField()
    {
        _server.Reply(FakeReply.Ok("""
            {"EventSelectors":[],"AdvancedEventSelectors":[{"Name":"mgmt","FieldSelectors":[
              {"Field":"eventCategory","Equals":["Management"]},
              {"Field":"eventSource","NotEquals":["kms.amazonaws.com"],"StartsWith":["s3"]}]}]}
            """));
        using var clients = TestClients.For(_server.Endpoint);

        var selectors = await clients.CloudTrail.GetEventSelectorsAsync("eu-west-1", Arn, CancellationToken.None);

        var advanced = Assert.Single(selectors.Advanced);
        Assert.Equal("mgmt", advanced.Name);
        Assert.Equal("eventCategory", advanced.FieldSelectors[0].Field);
        Assert.Equal(["Management"], advanced.FieldSelectors[0].EqualsAny!);
        Assert.Null(advanced.FieldSelectors[0].NotEquals);
        Assert.Equal(["kms.amazonaws.com"], advanced.FieldSelectors[1].NotEquals!);
        Assert.Equal(["s3"], advanced.FieldSelectors[1].StartsWith!);
        Assert.Empty(selectors.Basic);
    }

    [Fact]
    public async Task ListTrailsFollowsNextTokenAcrossPages()
    {
        _server.Reply(
            FakeReply.Ok($$"""{"Trails":[{"Name":"main","TrailARN":"{{Arn}}","HomeRegion":"eu-west-1"}],"NextToken":"page2"}"""),
            FakeReply.Ok("""{"Trails":[{"Name":"other","TrailARN":"arn:aws:cloudtrail:us-east-1:111122223333:trail/other","HomeRegion":"us-east-1"}]}"""));
        using var clients = TestClients.For(_server.Endpoint);

        var trails = await clients.CloudTrail.ListTrailsAsync("us-east-1", CancellationToken.None);

        Assert.Equal(["main", "other"], trails.Select(t => t.Name));
        Assert.Equal("page2", JsonNode.Parse(_server.Requests[1].Body)!["NextToken"]!.GetValue<string>());
    }
}
