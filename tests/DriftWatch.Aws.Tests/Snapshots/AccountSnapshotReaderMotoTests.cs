using System.Net;
using System.Net.Sockets;
using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Core.Trails;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Aws.Tests.Snapshots;

[Collection(MotoCollection.Name)]
public sealed class AccountSnapshotReaderMotoTests(MotoFixture moto) : IDisposable
{
    private readonly CloudTrailDriver _driver = new(moto.Endpoint);
    private readonly ServiceProvider _aws = AwsServices.ForMoto(moto.Endpoint);

    public void Dispose()
    {
        _driver.Dispose();
        _aws.Dispose();
    }

    [Fact]
    public async Task ListsAMultiRegionTrailHomedInAnotherRegionWithItsStatusAndSelectors()
    {
        await moto.Server.ResetAsync();
        await _driver.CreateBucketAsync("trail-logs");
        var arn = await _driver.CreateTrailAsync("org-trail", "eu-west-1", multiRegion: true, "trail-logs");
        await _driver.StartLoggingAsync("org-trail", "eu-west-1");
        await _driver.PutEventSelectorsAsync("org-trail", "eu-west-1", """[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true}]""");

        var snapshot = await _aws.GetRequiredService<AccountSnapshotReader>().ReadAsync(MotoAws.AccountId, "us-east-1", CancellationToken.None);

        Assert.Empty(snapshot.Errors);
        var trail = Assert.Single(snapshot.Trails);
        Assert.Equal(new TrailInfo("org-trail", arn, "eu-west-1", true, false, "trail-logs"), trail.Trail);
        Assert.Equal(MotoAws.AccountId, trail.Trail.OwnerAccountId);
        Assert.Empty(trail.Errors);
        Assert.True(trail.Status!.IsLogging);
        Assert.NotNull(trail.Status.StartLoggingTime);
        var selector = Assert.Single(trail.Selectors!.Basic);
        Assert.Equal(ReadWriteType.WriteOnly, selector.ReadWriteType);
        Assert.True(selector.IncludeManagementEvents);
        Assert.Empty(selector.ExcludeManagementEventSources);
    }

    [Fact]
    public async Task ReadsAStoppedTrailAsNotLogging()
    {
        await moto.Server.ResetAsync();
        await _driver.CreateBucketAsync("trail-logs");
        await _driver.CreateTrailAsync("quiet-trail", "us-east-1", multiRegion: false, "trail-logs");
        await _driver.StartLoggingAsync("quiet-trail", "us-east-1");
        await _driver.StopLoggingAsync("quiet-trail", "us-east-1");

        var snapshot = await _aws.GetRequiredService<AccountSnapshotReader>().ReadAsync(MotoAws.AccountId, "us-east-1", CancellationToken.None);

        var trail = Assert.Single(snapshot.Trails);
        Assert.False(trail.Status!.IsLogging);
        Assert.NotNull(trail.Status.StopLoggingTime);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task MakesOneCallPlusTwoPerTrail(int trailCount)
    {
        await moto.Server.ResetAsync();
        await _driver.CreateBucketAsync("trail-logs");
        string[] homes = ["us-east-1", "eu-west-1", "ap-southeast-2"];
        for (var i = 0; i < trailCount; i++)
        {
            await _driver.CreateTrailAsync($"trail-{i}", homes[i % homes.Length], multiRegion: true, "trail-logs");
        }

        // Which keys sign for the account depends on whose it is: learned once (as the worker's reader does first),
        // so the count is the read's own CloudTrail calls.
        await _aws.GetRequiredService<IAccountIdentity>().GetAccountIdAsync(CancellationToken.None);
        var snapshot = await _aws.GetRequiredService<AccountSnapshotReader>().ReadAsync(MotoAws.AccountId, "us-east-1", CancellationToken.None);

        Assert.Equal(trailCount, snapshot.Trails.Count);
        Assert.All(snapshot.Trails, t => Assert.Empty(t.Errors));
        Assert.Equal(1 + (2 * trailCount), snapshot.ApiCalls);
    }

    [Fact]
    public async Task ReadsTheExpectedTrailsAheadYetHoldsOnlyWhatDescribeTrailsListsNow()
    {
        await moto.Server.ResetAsync();
        await _driver.CreateBucketAsync("trail-logs");
        var kept = await _driver.CreateTrailAsync("kept-trail", "eu-west-1", multiRegion: true, "trail-logs");
        await _driver.StartLoggingAsync("kept-trail", "eu-west-1");
        var gone = await _driver.CreateTrailAsync("gone-trail", "eu-west-1", multiRegion: true, "trail-logs");
        await _driver.DeleteTrailAsync("gone-trail", "eu-west-1");
        var added = await _driver.CreateTrailAsync("new-trail", "us-east-1", multiRegion: true, "trail-logs");
        await _aws.GetRequiredService<IAccountIdentity>().GetAccountIdAsync(CancellationToken.None);

        // As the last verdict saw them: no bucket known, and one trail deleted since.
        TrailInfo[] expected = [new("kept-trail", kept, "eu-west-1", true, false), new("gone-trail", gone, "eu-west-1", true, false)];
        var snapshot = await _aws.GetRequiredService<AccountSnapshotReader>().ReadAsync(MotoAws.AccountId, "us-east-1", expected, CancellationToken.None);

        Assert.Equal(new[] { added, kept }.Order(StringComparer.Ordinal), snapshot.Trails.Select(t => t.Trail.Arn).Order(StringComparer.Ordinal));
        var read = snapshot.Trails.Single(t => t.Trail.Arn == kept);
        Assert.Equal(new TrailInfo("kept-trail", kept, "eu-west-1", true, false, "trail-logs"), read.Trail);
        Assert.True(read.Status!.IsLogging);
        Assert.All(snapshot.Trails, t => Assert.Empty(t.Errors));
        Assert.Empty(snapshot.Errors);
        // DescribeTrails, two reads for each listed trail, and the two the deleted trail cost once.
        Assert.Equal(1 + (2 * 2) + 2, snapshot.ApiCalls);
    }

    [Fact]
    public async Task ReportsAnUnreachableEndpointAsAReadErrorRatherThanThrowing()
    {
        await moto.Server.ResetAsync();
        var closed = ClosedEndpoint();
        using var unreachable = AwsServices.ForMoto(closed);

        var snapshot = await unreachable.GetRequiredService<AccountSnapshotReader>().ReadAsync(MotoAws.AccountId, "us-east-1", CancellationToken.None);

        Assert.Equal("ConnectionFailure", Assert.Single(snapshot.Errors).Code);
        Assert.Empty(snapshot.Trails);
    }

    // A loopback port that was free a moment ago: nothing listens there, so connections are refused at once.
    private static Uri ClosedEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }
}
