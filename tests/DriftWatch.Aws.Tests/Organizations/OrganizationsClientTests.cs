using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.Organizations;

public sealed class OrganizationsClientTests
{
    [Fact]
    public async Task ListsEveryPageAndReadsStateBeforeTheRetiringStatus()
    {
        using var handler = new FakeAwsHandler().Reply(
            FakeReply.Ok("""{"Accounts":[{"Id":"111111111111","Name":"mgmt","Status":"ACTIVE","State":"ACTIVE"},{"Id":"222222222222","Name":"old","Status":"SUSPENDED","State":"CLOSED"}],"NextToken":"page-2"}"""),
            FakeReply.Ok("""{"Accounts":[{"Id":"333333333333","Name":"leaving","Status":"PENDING_CLOSURE"}]}"""));
        using var aws = new TestAws(handler);

        var accounts = await aws.Organization.ListAsync(CancellationToken.None);

        Assert.Equal(
            [("111111111111", "ACTIVE", true), ("222222222222", "CLOSED", false), ("333333333333", "PENDING_CLOSURE", false)],
            accounts.Select(a => (a.Id, a.State, a.IsActive)));
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("AWSOrganizationsV20161128.ListAccounts", r.Headers["X-Amz-Target"]));
        Assert.Contains("\"NextToken\":\"page-2\"", handler.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/organizations/aws4_request", handler.Requests[0].Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReusesOneListingWithinItsMaximumAge()
    {
        using var handler = new FakeAwsHandler().Reply(FakeReply.Ok("""{"Accounts":[{"Id":"111111111111","Name":"a","State":"ACTIVE"}]}"""));
        using var aws = new TestAws(handler);

        await aws.Organization.ListAsync(CancellationToken.None);
        await aws.Organization.ListAsync(CancellationToken.None);

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task ReportsARefusalAsAnAwsErrorAndCachesNothing()
    {
        using var handler = new FakeAwsHandler().Reply(FakeReply.Error(400, "AccessDeniedException", "not the management account"));
        using var aws = new TestAws(handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Organization.ListAsync(CancellationToken.None));
        var retried = await aws.Organization.ListAsync(CancellationToken.None);

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Empty(retried);
    }
}
