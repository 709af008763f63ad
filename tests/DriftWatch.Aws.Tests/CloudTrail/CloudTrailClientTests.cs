using System.Text.Json.Nodes;
using DriftWatch.Aws.Tests.Support;
using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Tests.CloudTrail;

public sealed class CloudTrailClientTests : IDisposable
{
    private const string Arn = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main";
    private readonly FakeAwsHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task DescribeTrailsAsksForShadowTrailsAndMapsEachTrail()
    {
        _handler.Reply(FakeReply.Ok($$"""
            {"trailList":[{"Name":"main","TrailARN":"{{Arn}}","HomeRegion":"eu-west-1","IsMultiRegionTrail":true,
              "IsOrganizationTrail":true,"S3BucketName":"logs","HasCustomEventSelectors":false}]}
            """));
        using var aws = new TestAws(_handler);

        var trails = await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "us-east-1", CancellationToken.None);

        Assert.Equal(new TrailInfo("main", Arn, "eu-west-1", true, true, "logs"), Assert.Single(trails));
        Assert.True(JsonNode.Parse(_handler.Requests[0].Body)!["includeShadowTrails"]!.GetValue<bool>());
        Assert.EndsWith(".DescribeTrails", _handler.Requests[0].Header("X-Amz-Target"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTrailStatusReadsEpochSecondsAndTreatsEmptyDeliveryFieldsAsUnknown()
    {
        _handler.Reply(FakeReply.Ok("""
            {"IsLogging":true,"LatestDeliveryAttemptTime":"2025-01-02T03:04:05Z","LatestDeliveryAttemptSucceeded":"",
             "StartLoggingTime":1735787045,"StopLoggingTime":1735787000.5,"TimeLoggingStopped":""}
            """));
        using var aws = new TestAws(_handler);

        var status = await aws.CloudTrail.GetTrailStatusAsync(TestAws.OwnAccount, "eu-west-1", Arn, CancellationToken.None);

        Assert.Equal(
            new TrailStatus(
                IsLogging: true,
                LatestDeliveryAttemptTime: "2025-01-02T03:04:05Z",
                LatestDeliveryAttemptSucceeded: null,
                LatestDeliveryError: null,
                StartLoggingTime: new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
                StopLoggingTime: DateTimeOffset.FromUnixTimeMilliseconds(1735787000500)),
            status);
        Assert.Equal(Arn, JsonNode.Parse(_handler.Requests[0].Body)!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task BasicSelectorWithoutReadWriteTypeOrManagementFlagMeansAllManagementEvents()
    {
        _handler.Reply(FakeReply.Ok("""{"EventSelectors":[{"DataResources":[]}],"AdvancedEventSelectors":[]}"""));
        using var aws = new TestAws(_handler);

        var selectors = await aws.CloudTrail.GetEventSelectorsAsync(TestAws.OwnAccount, "eu-west-1", Arn, CancellationToken.None);

        var basic = Assert.Single(selectors.Basic);
        Assert.Equal(ReadWriteType.All, basic.ReadWriteType);
        Assert.True(basic.IncludeManagementEvents);
        Assert.Empty(basic.ExcludeManagementEventSources);
        Assert.Empty(selectors.Advanced);
    }

    [Fact]
    public async Task BasicSelectorKeepsWhatAwsSaid()
    {
        _handler.Reply(FakeReply.Ok("""
            {"EventSelectors":[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":false,"ExcludeManagementEventSources":["kms.amazonaws.com"]}]}
            """));
        using var aws = new TestAws(_handler);

        var selectors = await aws.CloudTrail.GetEventSelectorsAsync(TestAws.OwnAccount, "eu-west-1", Arn, CancellationToken.None);

        var basic = Assert.Single(selectors.Basic);
        Assert.Equal(ReadWriteType.WriteOnly, basic.ReadWriteType);
        Assert.False(basic.IncludeManagementEvents);
        Assert.Equal(["kms.amazonaws.com"], basic.ExcludeManagementEventSources);
    }

    [Fact]
    public async Task AdvancedSelectorsAreMappedFieldByField()
    {
        _handler.Reply(FakeReply.Ok("""
            {"EventSelectors":[],"AdvancedEventSelectors":[{"Name":"mgmt","FieldSelectors":[
              {"Field":"eventCategory","Equals":["Management"]},
              {"Field":"eventSource","NotEquals":["kms.amazonaws.com"],"StartsWith":["s3"]}]}]}
            """));
        using var aws = new TestAws(_handler);

        var selectors = await aws.CloudTrail.GetEventSelectorsAsync(TestAws.OwnAccount, "eu-west-1", Arn, CancellationToken.None);

        var advanced = Assert.Single(selectors.Advanced);
        Assert.Equal("mgmt", advanced.Name);
        Assert.Equal("eventCategory", advanced.FieldSelectors[0].Field);
        Assert.Equal(["Management"], advanced.FieldSelectors[0].EqualsAny!);
        Assert.Null(advanced.FieldSelectors[0].NotEquals);
        Assert.Equal(["kms.amazonaws.com"], advanced.FieldSelectors[1].NotEquals!);
        Assert.Equal(["s3"], advanced.FieldSelectors[1].StartsWith!);
        Assert.Empty(selectors.Basic);
    }
}
