using DriftWatch.Aws.Tests.Support;

namespace DriftWatch.Aws.Tests.Organizations;

public sealed class OrganizationsClientTests
{
    [Fact]
    public async Task ListsEveryPageAndReadsStateBeforeTheRetiringStatus()
    {
        using var server = new FakeAwsServer().Reply(
            FakeReply.Ok("""{"Accounts":[{"Id":"111111111111","Name":"mgmt","Status":"ACTIVE","State":"ACTIVE"},{"Id":"222222222222","Name":"old","Status":"SUSPENDED","State":"CLOSED"}],"NextToken":"page-2"}"""),
            FakeReply.Ok("""{"Accounts":[{"Id":"333333333333","Name":"leaving","Status":"PENDING_CLOSURE"}]}"""));
        using var clients = TestClients.For(server.Endpoint);

        var accounts = await clients.Organization.ListAsync(CancellationToken.None);

        Assert.Equal(
            [("111111111111", "ACTIVE", true), ("222222222222", "CLOSED", false), ("333333333333", "PENDING_CLOSURE", false)],
            accounts.Select(a => (a.Id, a.State, a.IsActive)));
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("AWSOrganizationsV20161128.ListAccounts", r.Headers["X-Amz-Target"]));
        Assert.Contains("\"NextToken\":\"page-2\"", server.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/organizations/aws4_request", server.Requests[0].Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReusesOneListingWithinItsMaximumAge()
    {
        using var server = new FakeAwsServer().Reply(FakeReply.Ok("""{"Accounts":[{"Id":"111111111111","Name":"a","State":"ACTIVE"}]}"""));
        using var clients = TestClients.For(server.Endpoint);

        await clients.Organization.ListAsync(CancellationToken.None);
        await clients.Organization.ListAsync(CancellationToken.None);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ReportsARefusalAsAnAwsErrorAndCachesNothing()
    {
        using var server = new FakeAwsServer().Reply(FakeReply.Error(400, "AccessDeniedException", "not the management account"));
        using var clients = TestClients.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Organization.ListAsync(CancellationToken.None));
        var retried = await clients.Organization.ListAsync(CancellationToken.None);

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Empty(retried);
    }
}
