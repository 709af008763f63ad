using System.Diagnostics;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.Accounts;

/// <summary>Per-account reads on moto, where AssumeRole into any account id returns keys that act in that account.</summary>
[Collection(MotoCollection.Name)]
public sealed class MultiAccountSnapshotReaderMotoTests(MotoFixture moto)
{
    private const string Member = "222233334444";
    private const string Management = "555566667777";

    [Fact]
    public async Task ReadsAnotherAccountAsThatAccountAssumingItsRoleOnceForManyReads()
    {
        await moto.Server.ResetAsync();
        using var member = await AssumedAccount.AssumeAsync(moto.Endpoint, Member);
        await member.CreateBucketAsync();
        var arn = await member.CreateCompliantTrailAsync("member-audit", "eu-west-1");
        using var aws = AwsServices.ForMoto(moto.Endpoint);

        var first = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync(Member, "us-east-1", CancellationToken.None);
        var second = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync(Member, "us-east-1", CancellationToken.None);

        Assert.Equal(arn, Assert.Single(first.Trails).Trail.Arn);
        Assert.Equal(Member, first.Trails[0].Trail.OwnerAccountId);
        Assert.Empty(second.Errors);
        Assert.Equal(1, aws.GetRequiredService<AssumedRoleSessions>().AssumeRoleCalls);
    }

    [Fact]
    public async Task ReadsItsOwnAccountWithItsOwnCredentialsAndNoRole()
    {
        await moto.Server.ResetAsync();
        using var own = await AssumedAccount.AssumeAsync(moto.Endpoint, MotoAws.AccountId);
        await own.CreateBucketAsync();
        await own.CreateCompliantTrailAsync("own-audit", "us-east-1");
        using var aws = AwsServices.ForMoto(moto.Endpoint);

        var snapshot = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync(MotoAws.AccountId, "us-east-1", CancellationToken.None);

        Assert.Equal("own-audit", Assert.Single(snapshot.Trails).Trail.Name);
        Assert.Equal(3, snapshot.ApiCalls);
        Assert.Equal(0, aws.GetRequiredService<AssumedRoleSessions>().AssumeRoleCalls);
    }

    [Fact]
    public async Task CompletesAMembersViewWithTheManagementAccountsOrganizationTrail()
    {
        await moto.Server.ResetAsync();
        using var management = await AssumedAccount.AssumeAsync(moto.Endpoint, Management);
        await management.CreateBucketAsync();
        var orgTrail = await management.CreateCompliantTrailAsync("org-trail", "us-east-1", isOrganization: true);
        await management.CreateCompliantTrailAsync("management-only", "us-east-1");
        using var aws = AwsServices.ForMoto(moto.Endpoint, settings: new Dictionary<string, string?> { ["DriftWatch:Accounts:ManagementAccountId"] = Management });

        var snapshot = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync(Member, "us-east-1", CancellationToken.None);

        var trail = Assert.Single(snapshot.Trails);
        Assert.Equal(orgTrail, trail.Trail.Arn);
        Assert.True(trail.Status!.IsLogging);
        Assert.Empty(trail.Errors);
        // Member: AssumeRole + DescribeTrails. Management: AssumeRole + DescribeTrails + 2 calls for each of its 2 trails.
        Assert.Equal((1 + 1) + (1 + 1 + (2 * 2)), snapshot.ApiCalls);
    }

    [Fact]
    public async Task LeavesOutTheOrganizationTrailForAnAccountOrganizationsDoesNotList()
    {
        await moto.Server.ResetAsync();
        using var management = await AssumedAccount.AssumeAsync(moto.Endpoint, Management);
        await management.CreateOrganizationAsync();
        await management.CreateBucketAsync();
        await management.CreateCompliantTrailAsync("org-trail", "us-east-1", isOrganization: true);
        using var aws = AwsServices.ForMoto(moto.Endpoint, settings: new Dictionary<string, string?>
        {
            ["DriftWatch:Accounts:ManagementAccountId"] = Management,
            ["DriftWatch:Accounts:Organization:Enabled"] = "true",
        });

        var outsider = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync(Member, "us-east-1", CancellationToken.None);

        Assert.Empty(outsider.Trails);
        Assert.Empty(outsider.Errors);
    }

    [Fact]
    public async Task KeepsEachAccountsCloudTrailCallsWithinItsOwnBudget()
    {
        await moto.Server.ResetAsync();
        using var aws = AwsServices.ForMoto(moto.Endpoint, settings: new Dictionary<string, string?> { ["DriftWatch:Accounts:CloudTrailRequestsPerSecond"] = "5" });
        var cloudTrail = aws.GetRequiredService<ICloudTrailClient>();
        await cloudTrail.DescribeTrailsAsync(Member, "us-east-1", CancellationToken.None);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => cloudTrail.DescribeTrailsAsync(Member, "us-east-1", CancellationToken.None)));

        // 11 calls at 5 per second: 4 of the burst join the first call's second, the other 6 wait for the next one.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"took {clock.Elapsed}");
        Assert.Equal(6, aws.GetRequiredService<CloudTrailRateLimiter>().Waits);
    }

    [Fact]
    public async Task RefusesSomethingThatIsNotAnAccountIdBeforeAnyCall()
    {
        using var aws = AwsServices.ForMoto(moto.Endpoint);

        var snapshot = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync("arn:aws:iam::1:role/x", "us-east-1", CancellationToken.None);

        Assert.Equal("InvalidAccountId", Assert.Single(snapshot.Errors).Code);
        Assert.Equal(0, aws.GetRequiredService<ApiCallCounter>().Total);
    }
}
