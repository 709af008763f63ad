using System.Net;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Aws.Tests.Support;
using DriftWatch.Core.Trails;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriftWatch.Aws.Tests.Snapshots;

public sealed class AccountSnapshotReaderTests
{
    private static readonly TrailInfo HomedElsewhere =
        new("org", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org", "eu-west-1", true, true);

    private static readonly TrailInfo Local =
        new("local", "arn:aws:cloudtrail:us-east-1:111122223333:trail/local", "us-east-1", false, false);

    private readonly ScriptedCloudTrail _cloudTrail = new();

    [Fact]
    public async Task ReadsStatusAndSelectorsOfEachTrailInItsHomeRegion()
    {
        _cloudTrail.Trails.AddRange([HomedElsewhere, Local]);

        var snapshot = await Reader().ReadAsync("111122223333", "us-east-1", CancellationToken.None);

        Assert.Equal(["org", "local"], snapshot.Trails.Select(t => t.Trail.Name));
        Assert.All(snapshot.Trails, t => Assert.True(t.Status!.IsLogging));
        Assert.All(snapshot.Trails, t => Assert.Empty(t.Errors));
        Assert.Empty(snapshot.Errors);
        Assert.Contains(("GetEventSelectors", "eu-west-1", HomedElsewhere.Arn), _cloudTrail.Calls);
        Assert.Contains(("GetTrailStatus", "eu-west-1", HomedElsewhere.Arn), _cloudTrail.Calls);
        Assert.Contains(("DescribeTrails", "us-east-1", ""), _cloudTrail.Calls);
    }

    [Fact]
    public async Task ReadsATrailOnceWhenDescribeTrailsListsItTwice()
    {
        _cloudTrail.Trails.AddRange([HomedElsewhere, HomedElsewhere]);

        var snapshot = await Reader().ReadAsync("111122223333", "us-east-1", CancellationToken.None);

        Assert.Single(snapshot.Trails);
        Assert.Equal(3, _cloudTrail.Calls.Count);
    }

    [Fact]
    public async Task RecordsAFailedStatusReadAsAReadErrorOnThatTrailRatherThanNotLogging()
    {
        _cloudTrail.Trails.AddRange([HomedElsewhere, Local]);
        _cloudTrail.Failures[$"GetTrailStatus {HomedElsewhere.Arn}"] =
            new AwsServiceException("CloudTrail", "GetTrailStatus", "AccessDeniedException", "denied", HttpStatusCode.BadRequest);

        var snapshot = await Reader().ReadAsync("111122223333", "us-east-1", CancellationToken.None);

        var failed = snapshot.Trails.Single(t => t.Trail.Name == "org");
        Assert.Null(failed.Status);
        Assert.NotNull(failed.Selectors);
        Assert.Equal(
            new ReadError("GetTrailStatus", HomedElsewhere.Arn, "eu-west-1", "AccessDeniedException", "denied"),
            Assert.Single(failed.Errors));
        Assert.Empty(snapshot.Trails.Single(t => t.Trail.Name == "local").Errors);
    }

    [Theory]
    [InlineData("timeout", "Timeout")]
    [InlineData("connection", "ConnectionFailure")]
    public async Task RecordsTimeoutsAndConnectionFailuresAsReadErrors(string kind, string expectedCode)
    {
        _cloudTrail.Trails.Add(Local);
        _cloudTrail.Failures[$"GetEventSelectors {Local.Arn}"] =
            kind == "timeout" ? new TimeoutException("slow") : new HttpRequestException("refused");

        var snapshot = await Reader().ReadAsync("111122223333", "us-east-1", CancellationToken.None);

        Assert.Equal(expectedCode, Assert.Single(snapshot.Trails[0].Errors).Code);
        Assert.Null(snapshot.Trails[0].Selectors);
    }

    [Fact]
    public async Task RecordsAFailedDescribeTrailsAsAnAccountReadError()
    {
        _cloudTrail.Failures["DescribeTrails"] =
            new AwsServiceException("CloudTrail", "DescribeTrails", "UnrecognizedClientException", "bad token", HttpStatusCode.BadRequest);

        var snapshot = await Reader().ReadAsync("111122223333", "us-east-1", CancellationToken.None);

        Assert.Empty(snapshot.Trails);
        Assert.Equal(
            new ReadError("DescribeTrails", "111122223333", "us-east-1", "UnrecognizedClientException", "bad token"),
            Assert.Single(snapshot.Errors));
    }

    [Fact]
    public async Task StampsTheSnapshotWithTheClocksTime()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        var snapshot = await Reader(new FixedClock(now)).ReadAsync("111122223333", "us-east-1", CancellationToken.None);

        Assert.Equal(now, snapshot.ReadAt);
        Assert.Equal("111122223333", snapshot.AccountId);
        Assert.Equal("us-east-1", snapshot.Region);
    }

    [Fact]
    public async Task LetsCallerCancellationThrough()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        _cloudTrail.Failures["DescribeTrails"] = new OperationCanceledException(cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Reader().ReadAsync("111122223333", "us-east-1", cancellation.Token));
    }

    [Fact]
    public async Task MakesEveryCallAsTheAccountItReads()
    {
        _cloudTrail.Trails.AddRange([HomedElsewhere, Local]);

        await Reader().ReadAsync("444455556666", "us-east-1", CancellationToken.None);

        Assert.Equal(5, _cloudTrail.Accounts.Count);
        Assert.All(_cloudTrail.Accounts, account => Assert.Equal("444455556666", account));
    }

    private AccountSnapshotReader Reader(TimeProvider? clock = null) =>
        new(_cloudTrail, new ApiCallCounter(), clock ?? TimeProvider.System, NullLogger<AccountSnapshotReader>.Instance);
}
