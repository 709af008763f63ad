using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.Http;

public sealed class Json11ClientTests : IDisposable
{
    private readonly FakeAwsHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task SignsEachRequestWithSigV4ScopedToTheServiceAndRegion()
    {
        using var aws = new TestAws(_handler, clock: new RecordingClock());

        await aws.Json.SendAsync(AwsService.CloudTrail, "DescribeTrails", "eu-west-2", [], CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.StartsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/eu-west-2/cloudtrail/aws4_request, SignedHeaders=",
            request.Header("Authorization"));
        Assert.Contains("x-amz-target", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("20250102T030405Z", request.Header("X-Amz-Date"));
    }

    [Fact]
    public async Task SendsTheOperationAsXAmzTargetWithTheJson11ContentType()
    {
        using var aws = new TestAws(_handler);

        await aws.Json.SendAsync(AwsService.EventBridge, "PutEvents", null, new JsonObject { ["Entries"] = new JsonArray() }, CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("AWSEvents.PutEvents", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("""{"Entries":[]}""", request.Body);
        Assert.Contains("/eu-west-2/events/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendsTheSessionTokenWhenTheCredentialsCarryOne()
    {
        using var aws = new TestAws(_handler, credentials: new SessionAWSCredentials("AKID", "secret", "the-token"));

        await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("the-token", request.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TracesOneClientSpanPerCallNamingServiceOperationAndRegionWithItsRetriesInside()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AwsCallTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Other tests' calls run in parallel in this process: only this test's region counts.
            ActivityStopped = span =>
            {
                if (span.GetTagItem("cloud.region") as string == "af-south-1")
                {
                    lock (spans)
                    {
                        spans.Add(span);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        _handler.Reply(FakeReply.Error(400, "ThrottlingException"), FakeReply.Ok("""{"trailList":[]}"""));
        using var aws = new TestAws(_handler);

        await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "af-south-1", CancellationToken.None);

        var span = Assert.Single(spans);
        Assert.Equal("CloudTrail.DescribeTrails", span.OperationName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(
            ("aws-api", "CloudTrail", "DescribeTrails", "af-south-1"),
            (span.GetTagItem("rpc.system"), span.GetTagItem("rpc.service"), span.GetTagItem("rpc.method"), span.GetTagItem("cloud.region")));
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task ParsesJsonRepliesLabelledTextHtml()
    {
        _handler.Reply(new FakeReply(200, """{"trailList":[{"Name":"t","TrailARN":"arn:aws:cloudtrail:eu-west-2:1:trail/t"}]}""", "text/html; charset=utf-8"));
        using var aws = new TestAws(_handler);

        var trails = await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);

        Assert.Equal("t", Assert.Single(trails).Name);
    }

    [Fact]
    public async Task RetriesAThrottlingExceptionAndThenSucceeds()
    {
        _handler.Reply(FakeReply.Error(400, "ThrottlingException"), FakeReply.Error(400, "ThrottlingException"), FakeReply.Ok("""{"trailList":[]}"""));
        using var aws = new TestAws(_handler);

        var trails = await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);

        Assert.Empty(trails);
        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal(3, aws.ApiCalls.Total);
    }

    [Fact]
    public async Task SurfacesThrottlingAsAwsServiceExceptionOnceTheAttemptsRunOut()
    {
        _handler.Reply(Enumerable.Repeat(FakeReply.Error(400, "ThrottlingException", "Rate exceeded"), 5).ToArray());
        using var aws = new TestAws(_handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("Rate exceeded", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("CloudTrail", error.Service);
        Assert.Equal("DescribeTrails", error.Operation);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task ReadsTheErrorCodeAfterTheNamespacePrefixOfType()
    {
        _handler.Reply(new FakeReply(400, """{"__type":"com.amazonaws.cloudtrail.v20131101#TrailNotFoundException","Message":"Unknown trail"}"""));
        using var aws = new TestAws(_handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.CloudTrail.GetTrailStatusAsync(TestAws.OwnAccount, "eu-west-2", "arn:aws:cloudtrail:eu-west-2:1:trail/x", CancellationToken.None));

        Assert.Equal("TrailNotFoundException", error.ErrorCode);
        Assert.Equal("Unknown trail", error.Message);
    }

    [Fact]
    public async Task DoesNotRetryAnErrorTheCallerCausedSuchAsAnUnknownTrail()
    {
        _handler.Reply(FakeReply.Error(400, "TrailNotFoundException"));
        using var aws = new TestAws(_handler);

        await Assert.ThrowsAsync<AwsServiceException>(
            () => aws.CloudTrail.GetTrailStatusAsync(TestAws.OwnAccount, "eu-west-2", "arn:aws:cloudtrail:eu-west-2:1:trail/x", CancellationToken.None));

        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ReadsTheErrorCodeFromTheErrorTypeHeaderWhenTheBodyHasNone()
    {
        _handler.Reply(new FakeReply(400, "", Headers: new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "AccessDeniedException:http://internal.amazon.com/" }));
        using var aws = new TestAws(_handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
    }

    [Fact]
    public async Task RetriesAnHtml500AndThenReportsAnInternalFailure()
    {
        var html = new FakeReply(500, "<!doctype html><title>500 Internal Server Error</title><h1>Oops</h1>", "text/html");
        _handler.Reply(html, html, html);
        using var aws = new TestAws(_handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None));

        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("500 Internal Server Error", error.Message);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task LogsEachRetryByItsErrorCodeAndNeverTheRepliesText()
    {
        var page = new FakeReply(503, "<html><title>maintenance\nFORGED line</title></html>", "text/html");
        using var logs = new CapturedLogs();
        _handler.Reply(page, page, FakeReply.Ok("""{"trailList":[{"Name":"evil\u001b[2J","TrailARN":"arn:aws:cloudtrail:eu-west-2:1:trail/t"}]}"""));
        using var aws = new TestAws(_handler, logs: logs);

        await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);

        var retries = logs.Lines.Where(l => l.Contains("Retrying", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, l => Assert.StartsWith("Debug DriftWatch.Aws.Http.Json11Client: Retrying CloudTrail DescribeTrails after ServiceUnavailable (503): attempt ", l, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("FORGED", StringComparison.Ordinal) || l.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetriesAnHttp429WithoutAnErrorBody()
    {
        _handler.Reply(new FakeReply(429, ""), FakeReply.Ok("""{"trailList":[]}"""));
        using var aws = new TestAws(_handler);

        await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);

        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task DoesNotRetryWhenTheCallerCancels()
    {
        _handler.Reply(FakeReply.Hang(), FakeReply.Ok(), FakeReply.Ok());
        using var aws = new TestAws(_handler, clock: new RecordingClock());
        using var cancellation = new CancellationTokenSource();

        var call = aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", cancellation.Token);
        await _handler.NextRequestAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, aws.ApiCalls.Total);
    }

    [Fact]
    public async Task RetriesAnAttemptThatTimesOutAndThenReportsATimeout()
    {
        var clock = new RecordingClock();
        var attemptTimeout = TimeSpan.FromMilliseconds(150);
        _handler.Reply(FakeReply.Hang(), FakeReply.Hang());
        using var aws = new TestAws(_handler, Settings(("MaxAttempts", "2"), ("AttemptTimeout", "00:00:00.150"), ("BaseDelay", "00:00:00")), clock: clock);

        var call = aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);
        await _handler.NextRequestAsync();
        clock.Advance(attemptTimeout);
        await _handler.NextRequestAsync();
        clock.Advance(attemptTimeout);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Contains("DescribeTrails", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, aws.ApiCalls.Total);
    }

    [Fact]
    public async Task ReportsTheLastFailureWhenTheCallRunsOutOfTimeWaitingToRetry()
    {
        var clock = new RecordingClock();
        _handler.Reply(FakeReply.Error(400, "ThrottlingException", "Rate exceeded"));
        using var aws = new TestAws(_handler, Settings(("BaseDelay", "00:00:10"), ("MaxDelay", "00:01:00"), ("TotalTimeout", "00:00:01")), clock: clock);

        var call = aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);
        await _handler.NextRequestAsync();
        await clock.NextTimerAsync(due => due != TimeSpan.FromSeconds(1) && due != TimeSpan.FromSeconds(5));
        Assert.Single(_handler.Requests);
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => call);
        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task RetriesARefusedConnectionAndThenReportsIt()
    {
        _handler.Reply(FakeReply.Refuse(), FakeReply.Refuse(), FakeReply.Refuse());
        using var aws = new TestAws(_handler);

        await Assert.ThrowsAsync<HttpRequestException>(() => aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None));

        Assert.Equal(3, aws.ApiCalls.Total);
    }

    [Fact]
    public async Task CallsTheEndpointNamedByAwsEndpointUrlCloudTrailRatherThanAwsEndpointUrl()
    {
        using var aws = new TestAws(_handler, new Dictionary<string, string?>
        {
            ["DriftWatch:Aws:EndpointUrl"] = null,
            ["AWS_ENDPOINT_URL"] = "http://everything.test/",
            ["AWS_ENDPOINT_URL_CLOUDTRAIL"] = "http://cloudtrail.test/",
        });

        await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);

        Assert.Equal("cloudtrail.test", Assert.Single(_handler.Requests).Uri.Host);
    }

    [Fact]
    public async Task PassesTheAccountsCloudTrailBudgetBeforeEveryAttemptRetriesIncluded()
    {
        var clock = new RecordingClock();
        _handler.Reply(FakeReply.Error(400, "ThrottlingException"), FakeReply.Ok("""{"trailList":[]}"""));
        using var aws = new TestAws(
            _handler,
            new Dictionary<string, string?> { ["DriftWatch:Accounts:CloudTrailRequestsPerSecond"] = "1", ["DriftWatch:Aws:BaseDelay"] = "00:00:00" },
            clock: clock);

        var call = aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);
        await _handler.NextRequestAsync();
        var turn = await clock.NextTimerAsync(due => due <= TimeSpan.FromSeconds(1));
        Assert.Single(_handler.Requests);
        clock.Advance(turn);
        await call;

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(1, aws.RateLimiter.Waits);
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] aws) =>
        aws.ToDictionary(s => $"DriftWatch:Aws:{s.Key}", s => (string?)s.Value);
}
