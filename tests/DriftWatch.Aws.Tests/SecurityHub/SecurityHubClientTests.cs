using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.SecurityHub;
using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.SecurityHub;

public sealed class SecurityHubClientTests : IDisposable
{
    private static readonly DateTimeOffset SignedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly FakeAwsServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task SignsTheOperationPathExactlyAsBotocoreDoes()
    {
        using var capture = new CapturingHandler();
        var rest = Rest(new Uri("https://securityhub.us-east-1.amazonaws.com/"), new HttpClient(capture));

        await rest.PostAsync(SecurityHubClient.Service, "BatchImportFindings", "/findings/import", "us-east-1", new JsonObject { ["Findings"] = new JsonArray() }, CancellationToken.None);

        var request = Assert.Single(capture.Requests);
        Assert.Equal("https://securityhub.us-east-1.amazonaws.com/findings/import", request.Uri.ToString());
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/securityhub/aws4_request, ", authorization, StringComparison.Ordinal);
        var signature = authorization[(authorization.LastIndexOf('=') + 1)..];
        Assert.Equal(Botocore.Signature(request.Uri, request.Headers, request.Body), signature);
    }

    [Fact]
    public async Task AnImportWithAnyFindingRefusedThrowsNamingTheRefusedId()
    {
        _server.Reply(FakeReply.Ok("""{"FailedCount":1,"SuccessCount":1,"FailedFindings":[{"Id":"driftwatch/2","ErrorCode":"InvalidInput","ErrorMessage":"Finding must contain at least one resource"}]}"""));
        using var client = new SecurityHubClient(Rest(_server.Endpoint));

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => client.BatchImportFindingsAsync("us-east-1", [Finding("driftwatch/1"), Finding("driftwatch/2")], CancellationToken.None));

        Assert.Equal("InvalidInput", failure.ErrorCode);
        Assert.Contains("driftwatch/2", failure.Message, StringComparison.Ordinal);
        var request = JsonNode.Parse(Assert.Single(_server.Requests).Body)!;
        Assert.Equal(["driftwatch/1", "driftwatch/2"], request["Findings"]!.AsArray().Select(f => (string?)f!["Id"]));
        Assert.Null(request["Findings"]![0]!["Workflow"]);
    }

    [Fact]
    public async Task AThrottledImportThrowsWithItsStatusSoTheCallerCanRetry()
    {
        _server.Reply(new FakeReply(429, """{"message":"Rate exceeded"}""", "application/json", new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "LimitExceededException" }));
        using var client = new SecurityHubClient(Rest(_server.Endpoint));

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => client.BatchImportFindingsAsync(null, [Finding("driftwatch/1")], CancellationToken.None));

        Assert.Equal((HttpStatusCode.TooManyRequests, "LimitExceededException"), (failure.StatusCode, failure.ErrorCode));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task FindsTheFindingByIdAcrossPagesWhenTheServiceIgnoresTheFilter()
    {
        _server.Reply(
            FakeReply.Ok("""{"Findings":[{"Id":"other","ProductArn":"p"}],"NextToken":"page-2"}"""),
            FakeReply.Ok("""{"Findings":[{"SchemaVersion":"2018-10-08","Id":"driftwatch/1","ProductArn":"p","GeneratorId":"g","AwsAccountId":"123456789012","CreatedAt":"2025-01-01T00:00:00.000Z","UpdatedAt":"2025-01-02T00:00:00.000Z","Title":"t","Description":"d","Resources":[{"Type":"AwsAccount","Id":"AWS::::Account:123456789012"}],"Compliance":{"Status":"FAILED"}}]}"""));
        using var client = new SecurityHubClient(Rest(_server.Endpoint));

        var found = await client.GetFindingAsync("us-east-1", "p", "driftwatch/1", CancellationToken.None);

        Assert.Equal(("2025-01-01T00:00:00.000Z", "FAILED"), (found?.CreatedAt, found?.Compliance?.Status));
        Assert.Equal(2, _server.Requests.Count);
        var second = JsonNode.Parse(_server.Requests[1].Body)!;
        Assert.Equal("page-2", (string?)second["NextToken"]);
        Assert.Equal("driftwatch/1", (string?)second["Filters"]!["Id"]![0]!["Value"]);
    }

    [Fact]
    public async Task AnAbsentFindingIsNull()
    {
        _server.Reply(FakeReply.Ok("""{"Findings":[]}"""));
        using var client = new SecurityHubClient(Rest(_server.Endpoint));

        Assert.Null(await client.GetFindingAsync("us-east-1", "p", "driftwatch/1", CancellationToken.None));
    }

    private static SecurityFinding Finding(string id) => new(
        SecurityFinding.Schema, id, "p", "g", "123456789012", "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z", "t", "d",
        [new FindingResource("AwsAccount", "AWS::::Account:123456789012")]);

    private static RestJsonClient Rest(Uri endpoint, HttpClient? http = null) => new(
        http ?? new HttpClient(),
        new AwsCredentialsSource(new BasicAWSCredentials("AKIDEXAMPLE", "secret")),
        new EndpointResolver(endpoint, _ => null),
        new AwsRegionResolver("us-east-1"),
        new ApiCallCounter(),
        new FixedClock(SignedAt),
        TimeSpan.FromSeconds(5));

    /// <summary>Answers 200 "{}" without a network and keeps what was sent.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<(Uri Uri, Dictionary<string, string> Headers, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.Concat(request.Content!.Headers)
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            headers["Host"] = request.Headers.Host ?? request.RequestUri!.Authority;
            Requests.Add((request.RequestUri!, headers, await request.Content.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        }
    }

    /// <summary>botocore's SigV4Auth (the aws CLI's signer), run on the same request: an implementation independent of ours.</summary>
    private static class Botocore
    {
        private const string Script = """
            import sys
            from botocore.awsrequest import AWSRequest
            from botocore.auth import SigV4Auth
            from botocore.credentials import Credentials
            url, date, sha, content_type, host, body = sys.argv[1:7]
            request = AWSRequest(method="POST", url=url, data=body.encode(), headers={
                "Content-Type": content_type, "X-Amz-Date": date, "X-Amz-Content-SHA256": sha, "host": host})
            request.context["timestamp"] = date
            auth = SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), "securityhub", "us-east-1")
            print(auth.signature(auth.string_to_sign(request, auth.canonical_request(request)), request))
            """;

        public static string Signature(Uri url, IReadOnlyDictionary<string, string> headers, string body)
        {
            var start = new ProcessStartInfo("python3", ["-c", Script, url.ToString(), headers["X-Amz-Date"], headers["X-Amz-Content-SHA256"], headers["Content-Type"], headers["Host"], body])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            return output.Trim();
        }
    }
}
