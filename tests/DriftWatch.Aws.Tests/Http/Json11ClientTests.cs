using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.Http;

public sealed class Json11ClientTests : IDisposable
{
    private readonly FakeAwsServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task SignsEachRequestWithSigV4ScopedToTheServiceAndRegion()
    {
        using var clients = TestClients.For(_server.Endpoint, clock: new FixedClock(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));

        await clients.Json.SendAsync(AwsService.CloudTrail, "DescribeTrails", "eu-west-2", [], CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.StartsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/eu-west-2/cloudtrail/aws4_request, SignedHeaders=",
            request.Header("Authorization"));
        Assert.Contains("x-amz-target", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("20250102T030405Z", request.Header("X-Amz-Date"));
    }

    [Fact]
    public async Task SendsTheOperationAsXAmzTargetWithTheJson11ContentType()
    {
        using var clients = TestClients.For(_server.Endpoint);

        await clients.Json.SendAsync(AwsService.EventBridge, "PutEvents", null, new JsonObject { ["Entries"] = new JsonArray() }, CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("AWSEvents.PutEvents", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("""{"Entries":[]}""", request.Body);
        Assert.Contains("/eu-west-2/events/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendsTheSessionTokenWhenTheCredentialsCarryOne()
    {
        using var clients = TestClients.For(_server.Endpoint, credentials: new SessionAWSCredentials("AKID", "secret", "the-token"));

        await clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("the-token", request.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParsesJsonRepliesLabelledTextHtml()
    {
        _server.Reply(new FakeReply(200, """{"trailList":[{"Name":"t","TrailARN":"arn:aws:cloudtrail:eu-west-2:1:trail/t"}]}""", "text/html; charset=utf-8"));
        using var clients = TestClients.For(_server.Endpoint);

        var trails = await clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None);

        Assert.Equal("t", Assert.Single(trails).Name);
    }

    [Fact]
    public async Task RetriesAThrottlingExceptionAndThenSucceeds()
    {
        _server.Reply(FakeReply.Error(400, "ThrottlingException"), FakeReply.Error(400, "ThrottlingException"), FakeReply.Ok("""{"trailList":[]}"""));
        using var clients = TestClients.For(_server.Endpoint);

        var trails = await clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None);

        Assert.Empty(trails);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(3, clients.ApiCalls.Total);
    }

    [Fact]
    public async Task SurfacesThrottlingAsAwsServiceExceptionOnceTheAttemptsRunOut()
    {
        _server.Reply(Enumerable.Repeat(FakeReply.Error(400, "ThrottlingException", "Rate exceeded"), 5).ToArray());
        using var clients = TestClients.For(_server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("Rate exceeded", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("CloudTrail", error.Service);
        Assert.Equal("DescribeTrails", error.Operation);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task ReadsTheErrorCodeAfterTheNamespacePrefixOfType()
    {
        _server.Reply(new FakeReply(400, """{"__type":"com.amazonaws.cloudtrail.v20131101#TrailNotFoundException","Message":"Unknown trail"}"""));
        using var clients = TestClients.For(_server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => clients.CloudTrail.GetTrailStatusAsync("eu-west-2", "arn:aws:cloudtrail:eu-west-2:1:trail/x", CancellationToken.None));

        Assert.Equal("TrailNotFoundException", error.ErrorCode);
        Assert.Equal("Unknown trail", error.Message);
    }

    [Fact]
    public async Task DoesNotRetryAnErrorTheCallerCausedSuchAsAnUnknownTrail()
    {
        _server.Reply(FakeReply.Error(400, "TrailNotFoundException"));
        using var clients = TestClients.For(_server.Endpoint);

        await Assert.ThrowsAsync<AwsServiceException>(
            () => clients.CloudTrail.GetTrailStatusAsync("eu-west-2", "arn:aws:cloudtrail:eu-west-2:1:trail/x", CancellationToken.None));

        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ReadsTheErrorCodeFromTheErrorTypeHeaderWhenTheBodyHasNone()
    {
        _server.Reply(new FakeReply(400, "", Headers: new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "AccessDeniedException:http://internal.amazon.com/" }));
        using var clients = TestClients.For(_server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
    }

    [Fact]
    public async Task RetriesAnHtml500AndThenReportsAnInternalFailure()
    {
        var html = new FakeReply(500, "<!doctype html><title>500 Internal Server Error</title><h1>Oops</h1>", "text/html");
        _server.Reply(html, html, html);
        using var clients = TestClients.For(_server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None));

        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("500 Internal Server Error", error.Message);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task RetriesAnHttp429WithoutAnErrorBody()
    {
        _server.Reply(new FakeReply(429, ""), FakeReply.Ok("""{"trailList":[]}"""));
        using var clients = TestClients.For(_server.Endpoint);

        await clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None);

        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task DoesNotRetryWhenTheCallerCancels()
    {
        _server.Reply(new FakeReply(200, "{}", Delay: TimeSpan.FromSeconds(3)), FakeReply.Ok(), FakeReply.Ok());
        using var clients = TestClients.For(_server.Endpoint);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clients.CloudTrail.DescribeTrailsAsync("eu-west-2", cancellation.Token));

        Assert.Equal(1, clients.ApiCalls.Total);
    }

    [Fact]
    public async Task RetriesAnAttemptThatTimesOutAndThenReportsATimeout()
    {
        var slow = new FakeReply(200, "{}", Delay: TimeSpan.FromSeconds(2));
        _server.Reply(slow, slow);
        using var clients = TestClients.For(_server.Endpoint, o =>
        {
            o.MaxAttempts = 2;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
        });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None));

        Assert.Contains("DescribeTrails", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, clients.ApiCalls.Total);
    }

    [Fact]
    public async Task RetriesARefusedConnectionAndThenReportsIt()
    {
        using var clients = TestClients.For(FakeAwsServer.ClosedEndpoint());

        await Assert.ThrowsAsync<HttpRequestException>(() => clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None));

        Assert.Equal(3, clients.ApiCalls.Total);
    }

    [Fact]
    public async Task CallsTheEndpointNamedByAwsEndpointUrlCloudTrailRatherThanAwsEndpointUrl()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = FakeAwsServer.ClosedEndpoint().ToString(),
            ["AWS_ENDPOINT_URL_CLOUDTRAIL"] = _server.Endpoint.ToString(),
        };
        using var clients = TestClients.For(endpoint: null, environment: name => environment.GetValueOrDefault(name));

        await clients.CloudTrail.DescribeTrailsAsync("eu-west-2", CancellationToken.None);

        Assert.Single(_server.Requests);
    }
}
