using DriftWatch.Aws.Destinations;
using DriftWatch.Core.Trails;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DriftWatch.Aws.Tests.Destinations;

/// <summary>
/// Which trails get their destination read, and when a cached read stands in: the cache is per (account, trail) and
/// per destination, its age judged on the injected clock. S3 and KMS are fakes here; moto runs them in the moto tests.
/// </summary>
public sealed class TrailDestinationsTests
{
    private const string Account = "111111111111";
    private static readonly TrailInfo Trail = new("main", $"arn:aws:cloudtrail:us-east-1:{Account}:trail/main", "us-east-1", true, false, "main-logs");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeBucket _bucket = new();
    private readonly TrailDestinations _destinations;

    public TrailDestinationsTests() =>
        _destinations = new TrailDestinations(
            new DestinationReader(_bucket, new FakeKey(), NullLogger<DestinationReader>.Instance), new DestinationCache(), new ApiCallCounter(), _clock);

    [Fact]
    public async Task CachedReadsADestinationOnceThenReusesItWhateverItsAge()
    {
        await ReadAsync(Trail, DestinationReads.Cached);
        _clock.Advance(TimeSpan.FromDays(1));
        var again = await ReadAsync(Trail, DestinationReads.Cached);

        Assert.Equal(1, _bucket.Locations);
        Assert.True(again.Trails[0].Destination!.BucketFound);
    }

    [Fact]
    public async Task FreshReadsEveryTime()
    {
        await ReadAsync(Trail, DestinationReads.Fresh);
        await ReadAsync(Trail, DestinationReads.Fresh);

        Assert.Equal(2, _bucket.Locations);
    }

    [Fact]
    public async Task OlderThanReadsAgainOnlyOnceTheCachedReadIsThatOld()
    {
        var sweep = DestinationReads.OlderThan(TimeSpan.FromMinutes(7));
        await ReadAsync(Trail, sweep);
        _clock.Advance(TimeSpan.FromMinutes(6));
        await ReadAsync(Trail, sweep);
        Assert.Equal(1, _bucket.Locations);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await ReadAsync(Trail, sweep);
        Assert.Equal(2, _bucket.Locations);
    }

    [Fact]
    public async Task ATrailMovedToAnotherBucketIsReadAgainEvenWhenCachedWouldDo()
    {
        await ReadAsync(Trail, DestinationReads.Cached);
        var moved = await ReadAsync(Trail with { S3BucketName = "new-logs" }, DestinationReads.Cached);

        Assert.Equal(2, _bucket.Locations);
        Assert.Equal("new-logs", moved.Trails[0].Destination!.Bucket);
    }

    [Fact]
    public async Task ATrailThatFailsOnItsOwnIsNotRead()
    {
        var snapshot = await _destinations.CompleteAsync(Snapshot(Trail, new TrailStatus(IsLogging: false)), DestinationReads.Fresh, CancellationToken.None);

        Assert.Null(snapshot.Trails[0].Destination);
        Assert.Equal(0, _bucket.Locations);
    }

    [Fact]
    public async Task AReadThatFailsLeavesThePartNotVerifiedWithTheReasonAndJudgesNothingElse()
    {
        _bucket.Refusal = new AwsServiceException("S3", "GetBucketLocation", "AccessDenied", "Access Denied", System.Net.HttpStatusCode.Forbidden);

        var destination = (await ReadAsync(Trail, DestinationReads.Fresh)).Trails[0].Destination!;

        Assert.Null(destination.BucketFound);
        var notVerified = Assert.Single(destination.NotVerified);
        Assert.Equal(DestinationPart.Bucket, notVerified.Part);
        Assert.Equal($"GetBucketLocation on bucket main-logs as account {Account}: AccessDenied: Access Denied", notVerified.Reason);
        Assert.Equal(0, _bucket.Policies);
    }

    [Fact]
    public async Task AnOrganizationTrailsBucketIsReadAsTheTrailsOwner()
    {
        var orgTrail = new TrailInfo("org", "arn:aws:cloudtrail:us-east-1:999999999999:trail/org", "us-east-1", true, true, "org-logs");

        await ReadAsync(orgTrail, DestinationReads.Fresh);

        Assert.Equal(["999999999999"], _bucket.SignedAs.Distinct());
    }

    private Task<AccountSnapshot> ReadAsync(TrailInfo trail, DestinationReads reads) =>
        _destinations.CompleteAsync(Snapshot(trail, new TrailStatus(IsLogging: true)), reads, CancellationToken.None);

    private static AccountSnapshot Snapshot(TrailInfo trail, TrailStatus status) =>
        new(Account, "us-east-1", DateTimeOffset.UnixEpoch, [new TrailSnapshot(trail, status, new EventSelectors([BasicEventSelector.AllManagementEvents], []), [])], [], 3);

    private sealed class FakeBucket : IBucketClient
    {
        private int _locations;
        private int _policies;

        public int Locations => _locations;

        public int Policies => _policies;

        public AwsServiceException? Refusal { get; set; }

        public List<string> SignedAs { get; } = [];

        public Task<string?> GetRegionAsync(string accountId, string region, string bucket, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _locations);
            lock (SignedAs)
            {
                SignedAs.Add(accountId);
            }

            return Refusal is null ? Task.FromResult<string?>("us-east-1") : Task.FromException<string?>(Refusal);
        }

        public Task<string?> GetPolicyAsync(string accountId, string region, string bucket, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _policies);
            return Task.FromResult<string?>(null);
        }

        public Task<IReadOnlyList<LifecycleRule>> GetLifecycleRulesAsync(string accountId, string region, string bucket, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<LifecycleRule>>([]);
    }

    private sealed class FakeKey : IKeyClient
    {
        public Task<DestinationKey> DescribeAsync(string accountId, string region, string keyId, CancellationToken cancellationToken) =>
            Task.FromResult(new DestinationKey(keyId, true, DestinationKey.Enabled));
    }
}
