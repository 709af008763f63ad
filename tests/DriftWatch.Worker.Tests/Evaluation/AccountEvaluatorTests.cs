using DriftWatch.Aws;
using DriftWatch.Aws.Destinations;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Trails;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Resilience;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.Evaluation;

/// <summary>
/// The evaluator's commit race alone, on a store that another writer keeps moving and a fake clock: a lost race is
/// evaluated again from fresh reads after 20 ms, 40 ms…, and given up after five attempts. An evaluation starts from
/// the state the worker committed last, and reads the table again once a commit from it is refused.
/// </summary>
public sealed class AccountEvaluatorTests : IAsyncDisposable
{
    private const string Account = "111111111111";

    private readonly TimerWatchingClock _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MovingStore _store = new();
    private readonly CountingReader _reader = new();
    private readonly ServiceProvider _services;

    public AccountEvaluatorTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddOptions<EvaluationOptions>().Configure(o => o.Region = "us-east-1");
        services.AddOptions<IncidentOptions>();
        services.AddSingleton<IAccountSnapshotReader>(_reader);
        services.AddSingleton<IStateStore>(_store);
        services.AddSingleton<INoticeOutbox, UnusedOutbox>();
        services.AddSingleton<IncidentNotifier>();
        services.AddSingleton(new AwsRegionResolver("us-east-1"));
        services.AddSingleton<ConfiguredWaivers>();
        services.AddSingleton<CommittedStates>();
        services.AddWorkerPipelines();
        services.AddMetrics();
        services.AddSingleton<DriftWatch.Worker.Telemetry.WorkerMetrics>();
        services.AddSingleton<AccountEvaluator>();
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    private AccountEvaluator Evaluator => _services.GetRequiredService<AccountEvaluator>();

    [Fact]
    public async Task EvaluatesAgainFromFreshReadsAfter20Then40MillisecondsWhenItLosesTheCommitRace()
    {
        _store.LoseNextCommits(2);

        var evaluation = Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);
        await _clock.TimerSetAsync(WorkerPipelines.FirstCommitDelay);
        Assert.Equal(1, _store.Commits);
        _clock.Advance(WorkerPipelines.FirstCommitDelay);
        await _clock.TimerSetAsync(2 * WorkerPipelines.FirstCommitDelay);
        Assert.Equal(2, _store.Commits);
        _clock.Advance(2 * WorkerPipelines.FirstCommitDelay);

        var outcome = await evaluation;
        Assert.Equal(ComplianceStatus.Error, outcome.Status);
        Assert.Equal((3, 3), (_store.Commits, _reader.Reads));
    }

    [Fact]
    public async Task GivesUpOnAnAccountWhoseStateKeptMovingForEveryAttempt()
    {
        _store.LoseNextCommits(WorkerPipelines.CommitAttempts);

        var evaluation = Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);
        for (var retry = 0; retry < WorkerPipelines.CommitAttempts - 1; retry++)
        {
            var wait = WorkerPipelines.FirstCommitDelay * Math.Pow(2, retry);
            await _clock.TimerSetAsync(wait);
            _clock.Advance(wait);
        }

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => evaluation);
        Assert.Equal($"the state of account {Account} kept moving over {WorkerPipelines.CommitAttempts} evaluations", failure.Message);
        Assert.Equal(WorkerPipelines.CommitAttempts, _store.Commits);
    }

    [Fact]
    public async Task StartsFromTheStateItCommittedLastWithoutReadingTheTableAgain()
    {
        await Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);
        var first = _store.LastCommitted!;

        await Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);

        Assert.Equal(1, _store.Reads);
        Assert.Same(first, _store.LastPrevious);
        Assert.Equal(first.Version + 1, _store.LastCommitted!.Version);
    }

    [Fact]
    public async Task ReadsTheTableAgainWhenACommitFromTheStateItHeldIsRefused()
    {
        await Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);
        _store.LoseNextCommits(1);

        // Refused: another worker moved the state. The table is read to see what it recorded, then again for the retry.
        var evaluation = Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);
        await _clock.TimerSetAsync(WorkerPipelines.FirstCommitDelay);
        _clock.Advance(WorkerPipelines.FirstCommitDelay);
        await evaluation;

        Assert.Equal((3, 3), (_store.Commits, _store.Reads));
        Assert.Equal(_store.LastRead, _store.LastPrevious);
    }

    [Fact]
    public async Task ReadsNoTrailWhileTheRecordedStateIsStillBeingReadSoAnOlderReadingCannotOverwriteANewerRecord()
    {
        // Were both read at once, a state another worker committed after this worker's trail read but before its
        // state read would pass the commit's version condition, and the older reading would overwrite it.
        var stateRead = _store.HoldReads();

        var evaluation = Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);
        await stateRead.Begun;
        Assert.Equal(0, _reader.Reads);

        stateRead.Release();
        await evaluation;
        Assert.Equal((1, 1), (_store.Reads, _reader.Reads));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Reads an account AWS would not let in: each read is "could not evaluate", so no notice is due.</summary>
    [Theory]
    [InlineData("DeleteBucket")]
    [InlineData("PutBucketPolicy")]
    [InlineData("DisableKey")]
    [InlineData("ScheduleKeyDeletion")]
    public void AnS3OrKmsEventAmongTheCauseReadsDestinationsAfresh(string eventName) =>
        Assert.Equal(DestinationReads.Fresh, AccountEvaluator.DestinationReadsFor(Cause("StopLogging", eventName), TimeSpan.FromMinutes(15)));

    [Fact]
    public void ACloudTrailEventReusesTheLastDestinationRead() =>
        Assert.Equal(DestinationReads.Cached, AccountEvaluator.DestinationReadsFor(Cause("StopLogging", "UpdateTrail"), TimeSpan.FromMinutes(15)));

    [Fact]
    public async Task ReadsAheadOfDescribeTrailsTheTrailsOfTheStateItStartsFrom()
    {
        const string Arn = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit";
        _reader.Listed = new TrailInfo("audit", Arn, "eu-west-1", true, false, "audit-logs");

        // First from the table's state, which saw no trail; then from the one it committed, which saw this one.
        await Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);
        Assert.Empty(_reader.LastExpected!);

        await Evaluator.EvaluateAsync(Account, EvaluationCause.Sweep, CancellationToken.None);
        var expected = Assert.Single(_reader.LastExpected!);
        Assert.Equal((Arn, "eu-west-1"), (expected.Arn, expected.HomeRegion));
    }

    [Fact]
    public void TheSweepReadsWhatWasReadLongerAgoThanHalfItsInterval() =>
        Assert.Equal(DestinationReads.OlderThan(TimeSpan.FromMinutes(7.5)), AccountEvaluator.DestinationReadsFor(EvaluationCause.Sweep, TimeSpan.FromMinutes(15)));

    private static EvaluationCause Cause(params string[] eventNames) => EvaluationCause.FromEvents(
        eventNames.Select((name, i) => new TriggerEvent(name, $"event-{i}", null, "us-east-1", Account, null, null, null, null, null)).ToList());

    /// <summary>Answers every read alike: DescribeTrails refused, or, once <see cref="Listed"/> is set, that trail listed.</summary>
    private sealed class CountingReader : IAccountSnapshotReader
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public TrailInfo? Listed { get; set; }

        /// <summary>The trails the last read was asked to read ahead.</summary>
        public IReadOnlyCollection<TrailInfo>? LastExpected { get; private set; }

        public Task<AccountSnapshot> ReadAsync(string accountId, string region, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Task.FromResult(Listed is { } trail
                ? new AccountSnapshot(accountId, region, DateTimeOffset.UnixEpoch, [new TrailSnapshot(trail, null, null, [])], [], 3)
                : new AccountSnapshot(
                    accountId, region, DateTimeOffset.UnixEpoch, [], [new ReadError("DescribeTrails", accountId, region, "AccessDeniedException", "not authorized")], 1));
        }

        public Task<AccountSnapshot> ReadAsync(
            string accountId, string region, DestinationReads destinations, IReadOnlyCollection<TrailInfo> expected, CancellationToken cancellationToken)
        {
            LastExpected = expected;
            return ReadAsync(accountId, region, cancellationToken);
        }
    }

    /// <summary>A store another writer keeps moving: the next commits are refused, and each read finds a new state.</summary>
    private sealed class MovingStore : IStateStore
    {
        private static readonly VerdictSummary Passing = new(ComplianceStatus.Pass, [], [], [], [], null);
        private int _toLose;
        private int _commits;
        private long _version;

        private int _reads;

        public int Commits => Volatile.Read(ref _commits);

        public int Reads => Volatile.Read(ref _reads);

        public AccountState? LastRead { get; private set; }

        public AccountState? LastPrevious { get; private set; }

        public AccountState? LastCommitted { get; private set; }

        private HeldRead? _held;

        public void LoseNextCommits(int count) => _toLose = count;

        /// <summary>The next read begins and then waits until released.</summary>
        public HeldRead HoldReads() => _held = new HeldRead();

        public async Task<AccountState?> GetAsync(string accountId, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _held, null) is { } held)
            {
                held.Start();
                await held.Released;
            }

            Interlocked.Increment(ref _reads);
            LastRead = new AccountState(accountId, Interlocked.Increment(ref _version), Passing, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, AccountState.NoIncidents, null, false);
            return LastRead;
        }

        public Task<bool> CommitAsync(AccountState? previous, StateDecision decision, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _commits);
            LastPrevious = previous;
            var committed = Interlocked.Decrement(ref _toLose) < 0;
            if (committed)
            {
                LastCommitted = decision.Next;
            }

            return Task.FromResult(committed);
        }

        public Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);
    }

    /// <summary>A state read that has begun and has not answered yet.</summary>
    private sealed class HeldRead
    {
        private readonly TaskCompletionSource _begun = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Begun => _begun.Task;

        public Task Released => _released.Task;

        public void Start() => _begun.TrySetResult();

        public void Release() => _released.TrySetResult();
    }

    /// <summary>The notifier's outbox; no notice is due in these tests, so it is never asked.</summary>
    private sealed class UnusedOutbox : INoticeOutbox
    {
        public Task<IReadOnlyList<PendingNotice>> ListPendingAsync(CancellationToken cancellationToken) => throw Unexpected();

        public Task<IReadOnlyList<PendingNotice>> ListPendingAsync(string incidentId, CancellationToken cancellationToken) => throw Unexpected();

        public Task<PendingNotice?> TryClaimAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) => throw Unexpected();

        public Task PostponeAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) => throw Unexpected();

        public Task RecordTakenAsync(string incidentId, string noticeType, string sink, CancellationToken cancellationToken) => throw Unexpected();

        public Task MarkDeliveredAsync(string incidentId, string noticeType, DateTimeOffset at, CancellationToken cancellationToken) => throw Unexpected();

        private static InvalidOperationException Unexpected() => new("no notice was due");
    }
}
