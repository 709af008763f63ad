using System.Net;
using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.Accounts;

/// <summary>Which keys sign a call made as an account: its own for the caller's account, the role session for any other.</summary>
public sealed class AccountCallerTests : IDisposable
{
    private const string Member = "222233334444";

    private const string AssumeRoleReply = """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
        <AccessKeyId>ASIAMEMBER</AccessKeyId><SecretAccessKey>member-secret</SecretAccessKey><SessionToken>member-token</SessionToken>
        <Expiration>2025-01-02T04:04:05Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
        """;

    private readonly FakeAwsHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task SignsCallsForItsOwnAccountWithItsOwnKeys()
    {
        using var aws = new TestAws(_handler);

        await aws.CloudTrail.DescribeTrailsAsync(TestAws.OwnAccount, "eu-west-2", CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignsCallsForAnotherAccountWithTheSessionOfTheRoleAssumedThere()
    {
        _handler.Reply(new FakeReply(200, AssumeRoleReply, "text/xml"));
        using var aws = new TestAws(_handler, new Dictionary<string, string?>
        {
            ["DriftWatch:Accounts:ExternalId"] = "ext-123",
            ["DriftWatch:Accounts:SessionName"] = "driftwatch-w1",
        }, clock: new RecordingClock());

        await aws.CloudTrail.DescribeTrailsAsync(Member, "eu-west-2", CancellationToken.None);
        await aws.CloudTrail.DescribeTrailsAsync(Member, "eu-west-2", CancellationToken.None);

        Assert.Equal(3, _handler.Requests.Count);
        var assume = _handler.Requests[0];
        Assert.Equal(
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222233334444%3Arole%2FDriftWatchReader"
            + "&RoleSessionName=driftwatch-w1&DurationSeconds=3600&ExternalId=ext-123",
            assume.Body);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/eu-west-2/sts/", assume.Header("Authorization"), StringComparison.Ordinal);
        Assert.All(_handler.Requests.Skip(1), read =>
        {
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAMEMBER/", read.Header("Authorization"), StringComparison.Ordinal);
            Assert.Equal("member-token", read.Header("X-Amz-Security-Token"));
        });
        Assert.Equal(3, aws.ApiCalls.Total);
    }

    [Fact]
    public async Task ReportsARefusedRoleAsAnAwsErrorThatNamesTheRoleAndIsNotRetried()
    {
        _handler.Reply(new FakeReply(
            403,
            """<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole</Message></Error></ErrorResponse>""",
            "text/xml"));
        using var aws = new TestAws(_handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.CloudTrail.DescribeTrailsAsync(Member, "eu-west-2", CancellationToken.None));

        Assert.Equal(("STS", "AssumeRole", "AccessDenied", HttpStatusCode.Forbidden), (error.Service, error.Operation, error.ErrorCode, error.StatusCode));
        Assert.Contains("arn:aws:iam::222233334444:role/DriftWatchReader", error.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task RefusesSomethingThatIsNotAnAccountIdBeforeAnyCall()
    {
        using var aws = new TestAws(_handler);

        await Assert.ThrowsAsync<ArgumentException>(() => aws.CloudTrail.DescribeTrailsAsync("arn:aws:iam::1:role/x", "eu-west-2", CancellationToken.None));

        Assert.Empty(_handler.Requests);
    }
}
