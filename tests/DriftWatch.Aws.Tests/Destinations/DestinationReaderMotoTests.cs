using DriftWatch.Aws.Destinations;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Core.Trails;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.Destinations;

/// <summary>
/// The destination read through the AWSSDK.S3 and AWSSDK.KeyManagementService clients as AddDriftWatchAws registers
/// them, against moto: endpoints from AWS_ENDPOINT_URL_S3/_KMS, path-style buckets, each call counted.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DestinationReaderMotoTests(MotoFixture moto)
{
    private const string Bucket = "destination-logs";

    [Fact]
    public async Task ReadsTheBucketItsPolicyItsLifecycleAndTheKeyInFourCountedCalls()
    {
        await moto.Server.ResetAsync();
        using var driver = new CloudTrailDriver(moto.Endpoint);
        await driver.CreateBucketAsync(Bucket);
        await driver.PutExpirationRuleAsync(Bucket, "purge", days: 30, prefix: "AWSLogs/");
        var key = await driver.CreateKeyAsync("eu-west-1");
        await driver.CreateTrailAsync("audit", "eu-west-1", multiRegion: true, Bucket);
        await driver.PutEventSelectorsAsync("audit", "eu-west-1", """[{"ReadWriteType":"All","IncludeManagementEvents":true}]""");
        await driver.StartLoggingAsync("audit", "eu-west-1");
        await driver.UpdateTrailKeyAsync("audit", "eu-west-1", key);
        using var aws = AwsServices.ForMoto(moto.Endpoint, settings: Endpoints());
        var counter = aws.GetRequiredService<ApiCallCounter>();
        await aws.GetRequiredService<DriftWatch.Aws.Identity.IAccountIdentity>().GetAccountIdAsync(CancellationToken.None);
        var before = counter.Total;

        var snapshot = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync(MotoAws.AccountId, "us-east-1", DestinationReads.Fresh, CancellationToken.None);

        var destination = Assert.Single(snapshot.Trails).Destination!;
        Assert.Empty(destination.NotVerified);
        Assert.True(destination.BucketFound);
        Assert.Contains($"arn:aws:s3:::{Bucket}/AWSLogs/{MotoAws.AccountId}/*", destination.Policy, StringComparison.Ordinal);
        Assert.Equal([new LifecycleRule("purge", true, 30, "AWSLogs/")], destination.Lifecycle);
        Assert.Equal(new DestinationKey(key, true, DestinationKey.Enabled), destination.Key);
        Assert.Equal((3, 4), (snapshot.ApiCalls, snapshot.DestinationCalls));
        Assert.Equal(3 + 4, counter.Total - before);
    }

    [Fact]
    public async Task ReadsADeletedBucketAsNotFoundAndAKeyPendingDeletionAsSuch()
    {
        await moto.Server.ResetAsync();
        using var driver = new CloudTrailDriver(moto.Endpoint);
        await driver.CreateBucketAsync(Bucket);
        var key = await driver.CreateKeyAsync("us-east-1");
        await driver.CreateTrailAsync("audit", "us-east-1", multiRegion: true, Bucket);
        await driver.PutEventSelectorsAsync("audit", "us-east-1", """[{"ReadWriteType":"All","IncludeManagementEvents":true}]""");
        await driver.StartLoggingAsync("audit", "us-east-1");
        await driver.UpdateTrailKeyAsync("audit", "us-east-1", key);
        await driver.DeleteBucketAsync(Bucket);
        await driver.ScheduleKeyDeletionAsync(key, "us-east-1");
        using var aws = AwsServices.ForMoto(moto.Endpoint, settings: Endpoints());

        var snapshot = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync(MotoAws.AccountId, "us-east-1", DestinationReads.Fresh, CancellationToken.None);

        var destination = Assert.Single(snapshot.Trails).Destination!;
        Assert.False(destination.BucketFound);
        Assert.Null(destination.Lifecycle);
        Assert.Equal(DestinationKey.PendingDeletion, destination.Key!.State);
        Assert.NotNull(destination.Key.DeletionDate);
        // No policy or lifecycle read for a bucket that is not there.
        Assert.Equal(2, snapshot.DestinationCalls);
    }

    [Fact]
    public async Task ReadsAMembersOrganizationTrailBucketAsTheManagementAccount()
    {
        const string member = "222233334444";
        const string management = "555566667777";
        await moto.Server.ResetAsync();
        using var owner = await AssumedAccount.AssumeAsync(moto.Endpoint, management);
        await owner.CreateBucketAsync();
        await owner.CreateCompliantTrailAsync("org-trail", "us-east-1", isOrganization: true);
        using var aws = AwsServices.ForMoto(moto.Endpoint, settings: new Dictionary<string, string?> { ["DriftWatch:Accounts:ManagementAccountId"] = management });

        var snapshot = await aws.GetRequiredService<IAccountSnapshotReader>().ReadAsync(member, "us-east-1", DestinationReads.Fresh, CancellationToken.None);

        var destination = Assert.Single(snapshot.Trails).Destination!;
        Assert.Equal(owner.Bucket, destination.Bucket);
        Assert.Empty(destination.NotVerified);
        Assert.True(destination.BucketFound);
        Assert.NotNull(destination.Policy);
    }

    // The standard variables instead of DriftWatch:Aws:EndpointUrl (which would win over them), as an operator sets them;
    // check's tests send S3 alone elsewhere with AWS_ENDPOINT_URL_S3.
    private Dictionary<string, string?> Endpoints() => new()
    {
        ["DriftWatch:Aws:EndpointUrl"] = null,
        ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_KMS"] = moto.Endpoint.ToString(),
    };
}
