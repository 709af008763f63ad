using System.Net;
using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.Identity;

public sealed class StsAccountIdentityTests : IDisposable
{
    private readonly FakeAwsServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AsksStsWithASignedQueryFormAndReadsTheAccountFromTheXmlReply()
    {
        _server.Reply(new FakeReply(
            200,
            """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/ci</Arn><UserId>AIDA</UserId><Account>210987654321</Account></GetCallerIdentityResult></GetCallerIdentityResponse>""",
            "text/xml"));
        using var clients = TestClients.For(_server.Endpoint);

        var account = await clients.Identity.GetAccountIdAsync(CancellationToken.None);

        Assert.Equal("210987654321", account);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("Action=GetCallerIdentity&Version=2011-06-15", request.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("/sts/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SurfacesAQueryProtocolErrorWithItsCodeAndMessage()
    {
        _server.Reply(new FakeReply(
            403,
            """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>""",
            "text/xml"));
        using var clients = TestClients.For(_server.Endpoint);

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Identity.GetAccountIdAsync(CancellationToken.None));

        Assert.Equal("InvalidClientTokenId", failure.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Contains("security token", failure.Message, StringComparison.Ordinal);
    }
}
