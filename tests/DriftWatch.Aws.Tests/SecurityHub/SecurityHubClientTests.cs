using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using DriftWatch.Aws.Http;
using DriftWatch.Aws.SecurityHub;
using DriftWatch.Aws.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.SecurityHub;

public sealed class SecurityHubClientTests : IDisposable
{
    private static readonly DateTimeOffset SignedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly FakeAwsHandler _server = new();
    private readonly TestAws _aws;

    public SecurityHubClientTests() => _aws = new TestAws(
        _server,
        new Dictionary<string, string?> { ["DriftWatch:Aws:EndpointUrl"] = "https://securityhub.us-east-1.amazonaws.com/", ["DriftWatch:Aws:Region"] = "us-east-1" },
        clock: new FixedClock(SignedAt));

    private ISecurityHubClient Client => _aws.Services.GetRequiredService<ISecurityHubClient>();

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task SignsTheOperationPathExactlyAsBotocoreDoes()
    {
        _server.Reply(FakeReply.Ok("""{"FailedCount":0,"SuccessCount":1}"""));

        await Client.BatchImportFindingsAsync("us-east-1", [Finding("driftwatch/1")], CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("https://securityhub.us-east-1.amazonaws.com/findings/import", request.Uri.ToString());
        var authorization = request.Header("Authorization")!;
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/securityhub/aws4_request, ", authorization, StringComparison.Ordinal);
        var signature = authorization[(authorization.LastIndexOf('=') + 1)..];
        Assert.Equal(Botocore.Signature(request.Uri, request.Headers, request.Body), signature);
    }

    [Fact]
    public async Task AnImportWithAnyFindingRefusedThrowsNamingTheRefusedId()
    {
        _server.Reply(FakeReply.Ok("""{"FailedCount":1,"SuccessCount":1,"FailedFindings":[{"Id":"driftwatch/2","ErrorCode":"InvalidInput","ErrorMessage":"Finding must contain at least one resource"}]}"""));
        var client = Client;

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
        var client = Client;

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
        var client = Client;

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
        var client = Client;

        Assert.Null(await client.GetFindingAsync("us-east-1", "p", "driftwatch/1", CancellationToken.None));
    }

    private static SecurityFinding Finding(string id) => new(
        SecurityFinding.Schema, id, "p", "g", "123456789012", "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z", "t", "d",
        [new FindingResource("AwsAccount", "AWS::::Account:123456789012")]);

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
            var start = new ProcessStartInfo("python3", ["-c", Script, url.ToString(), headers["X-Amz-Date"], headers["X-Amz-Content-SHA256"], headers["Content-Type"], headers.TryGetValue("Host", out var host) ? host : url.Authority, body])
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
