using System.Net;
using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.Identity;

public sealed class StsAccountIdentityTests : IDisposable
{
    private readonly FakeAwsHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task AsksStsWithASignedQueryFormAndReadsTheAccountFromTheXmlReply()
    {
        _handler.Reply(new FakeReply(
            200,
            """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/ci</Arn><UserId>AIDA</UserId><Account>210987654321</Account></GetCallerIdentityResult></GetCallerIdentityResponse>""",
            "text/xml"));
        using var aws = new TestAws(_handler, askStsForTheAccount: true);

        var account = await aws.Identity.GetAccountIdAsync(CancellationToken.None);

        Assert.Equal("210987654321", account);
        var request = Assert.Single(_handler.Requests);
        Assert.Equal("Action=GetCallerIdentity&Version=2011-06-15", request.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("/sts/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SurfacesAQueryProtocolErrorWithItsCodeAndMessage()
    {
        _handler.Reply(new FakeReply(
            403,
            """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>""",
            "text/xml"));
        using var aws = new TestAws(_handler, askStsForTheAccount: true);

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Identity.GetAccountIdAsync(CancellationToken.None));

        Assert.Equal("InvalidClientTokenId", failure.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Contains("security token", failure.Message, StringComparison.Ordinal);
    }
}
