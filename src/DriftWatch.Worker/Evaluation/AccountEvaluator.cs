using DriftWatch.Aws;
using DriftWatch.Aws.Destinations;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Trails;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Resilience;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace DriftWatch.Worker.Evaluation;

/// <summary>
/// One evaluation, start to end: read the recorded state (or start from the one this worker committed last:
/// <see cref="CommittedStates"/>), then read the account's trails back from AWS (the event is only a trigger; the
/// trails that state saw are read while DescribeTrails runs), evaluate, decide, commit atomically (conditional on the
/// state's version), then tell the SOC what the decision says. A commit that loses the race to another worker
/// is evaluated again from fresh reads (<see cref="WorkerPipelines.CommitRace"/>), so an
/// older evaluation never overwrites a newer state. How fresh the trails' destinations must be follows from the cause
/// (<see cref="DestinationReadsFor"/>), so a CloudTrail event costs CloudTrail's calls only.
/// </summary>
public sealed class AccountEvaluator(
    IAccountSnapshotReader reader,
    IStateStore store,
    CommittedStates committedStates,
    IncidentNotifier notifier,
    ConfiguredWaivers exceptions,
    IOptions<EvaluationOptions> evaluation,
    IOptions<DestinationOptions> destinations,
    IOptions<SweepOptions> sweep,
    IOptions<IncidentOptions> incidents,
    WorkerMetrics metrics,
    AwsRegionResolver regions,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider time,
    ILogger<AccountEvaluator> logger) : IAccountEvaluation
{
    private readonly ResiliencePipeline<CommitAttempt> _commitRace = pipelines.GetPipeline<CommitAttempt>(WorkerPipelines.CommitRace);

    /// <summary>Evaluates an account and persists the result.</summary>
    public Task<EvaluationOutcome> EvaluateAsync(string accountId, EvaluationCause cause, CancellationToken cancellationToken) =>
        EvaluateAsync(accountId, () => cause, cancellationToken);

    /// <inheritdoc />
    public async Task<EvaluationOutcome> EvaluateAsync(string accountId, Func<EvaluationCause> causeSoFar, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var region = evaluation.Value.Region ?? regions.Resolve();
        using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.Evaluate);
        span?.SetTag("driftwatch.account_id", accountId);

        // The account is the operation key: the retry's log line names it.
        var context = ResilienceContextPool.Shared.Get(accountId, cancellationToken);
        try
        {
            var attempt = await _commitRace.ExecuteAsync(
                static (context, state) => new ValueTask<CommitAttempt>(state.Self.AttemptAsync(state.AccountId, state.Region, state.CauseSoFar, state.Started, context.CancellationToken)),
                context,
                (Self: this, AccountId: accountId, Region: region, CauseSoFar: causeSoFar, Started: started));
            return attempt.Outcome
                ?? throw new InvalidOperationException($"the state of account {accountId} kept moving over {WorkerPipelines.CommitAttempts} evaluations");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<CommitAttempt> AttemptAsync(string accountId, string region, Func<EvaluationCause> causeSoFar, long started, CancellationToken cancellationToken)
    {
        // The state comes first, the trails after it. The commit is conditional on this state's version, so whatever
        // another worker records after it refuses our commit; a state recorded before it rests on a read that began
        // before ours. Read at once, a state another worker committed between our trail read and our state read
        // would pass the condition, and our older reading would overwrite its newer one (the fault campaign caught
        // that as a drop and a return no one made). The state this worker committed last needs no read at all. The
        // trails the state saw are read while DescribeTrails runs (what it lists still decides): one round trip, not two.
        var previous = committedStates.Get(accountId) ?? await ReadStateAsync(accountId, cancellationToken);
        var snapshot = await ReadTrailsAsync(
            accountId, region, DestinationReadsFor(causeSoFar(), sweep.Value.Interval), ExpectedTrails(previous), cancellationToken);

        var now = time.GetUtcNow();
        var verdict = ComplianceEvaluator.Evaluate(snapshot, now, exceptions.For(accountId, now), destinations.Value.MinimumRetentionDays);
        var decision = StateDecider.Decide(previous, verdict, causeSoFar(), now, incidents.Value.BlindAfter);

        bool committed;
        using (PipelineTelemetry.Source.StartActivity(PipelineTelemetry.Commit))
        {
            committed = await store.CommitAsync(previous, decision, cancellationToken);
        }

        if (committed)
        {
            committedStates.Committed(decision.Next);
            Log(decision, snapshot.ApiCalls);

            // Counted once recorded, before the SOC is told: the duration is the evaluation's (read, decide, commit);
            // notifying has its own figure (driftwatch_visible_to_notified_seconds).
            metrics.Evaluated(verdict.Status, decision, time.GetElapsedTime(started));
            foreach (var notice in decision.Notices)
            {
                using var notify = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.Notify);
                await notifier.NotifyAsync(notice, cancellationToken);
            }

            return new CommitAttempt(new EvaluationOutcome(
                accountId, verdict.Status, decision.Transition, decision.Action, snapshot.ApiCalls, OwnsOrganizationTrail(accountId, snapshot, previous)));
        }

        // Another worker committed first (or the copy this worker held was behind): what the table holds is newer.
        committedStates.Forget(accountId);

        // If what it records is the verdict this read (made after the request arrived) found, the request is answered:
        // nothing to add, and no race to lose again and again.
        if (await store.GetAsync(accountId, cancellationToken) is { } current && current.Verdict.Fingerprint == decision.Next.Verdict.Fingerprint)
        {
            logger.LogDebug("Account {AccountId}: another worker recorded the same verdict first", accountId);
            metrics.Evaluated(verdict.Status, null, time.GetElapsedTime(started));
            return new CommitAttempt(new EvaluationOutcome(
                accountId, verdict.Status, null, IncidentAction.None, snapshot.ApiCalls, OwnsOrganizationTrail(accountId, snapshot, previous)));
        }

        return CommitAttempt.Lost;
    }

    private async Task<AccountState?> ReadStateAsync(string accountId, CancellationToken cancellationToken)
    {
        using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.StateRead);
        return await store.GetAsync(accountId, cancellationToken);
    }

    private async Task<AccountSnapshot> ReadTrailsAsync(
        string accountId, string region, DestinationReads destinations, IReadOnlyCollection<TrailInfo> expected, CancellationToken cancellationToken)
    {
        using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.TrailsRead);
        var snapshot = await reader.ReadAsync(accountId, region, destinations, expected, cancellationToken);
        span?.SetTag("driftwatch.api_calls", snapshot.ApiCalls);
        span?.SetTag("driftwatch.destination_calls", snapshot.DestinationCalls);
        return snapshot;
    }

    /// <summary>
    /// An S3 or KMS event is about a destination: read them now. The sweep reads what is older than half its interval:
    /// every sweep reads each destination once, even when an account's turn comes a little earlier than last time,
    /// unless something read it moments ago. Any other event reuses the last read, or reads once when this worker has
    /// none (a restart never assumes a destination it has not seen).
    /// </summary>
    public static DestinationReads DestinationReadsFor(EvaluationCause cause, TimeSpan sweepInterval)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (cause.Events.Any(e => MonitoredCalls.IsDestinationCall(e.EventName)))
        {
            return DestinationReads.Fresh;
        }

        return cause.Kind == EvaluationCause.SweepKind ? DestinationReads.OlderThan(sweepInterval / 2) : DestinationReads.Cached;
    }

    /// <summary>The trails of the state the evaluation starts from (held or read): none when the account has none.</summary>
    private static IReadOnlyCollection<TrailInfo> ExpectedTrails(AccountState? previous) =>
        previous?.Verdict.Trails.Select(t => new TrailInfo(t.Name, t.Arn, t.HomeRegion, t.MultiRegion, t.Organization)).ToList() ?? [];

    /// <summary>An organization trail this account owns (now, or before a delete) covers other accounts too.</summary>
    private static bool OwnsOrganizationTrail(string accountId, AccountSnapshot snapshot, AccountState? previous) =>
        snapshot.Trails.Any(t => t.Trail.IsOrganization && t.Trail.OwnerAccountId == accountId)
        || previous?.Verdict.Trails.Any(t => t.Organization && TrailInfo.AccountOf(t.Arn) == accountId) == true;

    private void Log(StateDecision decision, int apiCalls)
    {
        var next = decision.Next;
        if (decision.Transition is { } t)
        {
            logger.LogInformation(
                "Account {AccountId} went {From} -> {To} (version {Version}, {ApiCalls} CloudTrail calls, cause {Cause})",
                next.AccountId, t.From?.ToString() ?? "unknown", t.To, next.Version, apiCalls, t.Cause.Kind);
        }
        else
        {
            logger.LogDebug("Account {AccountId} unchanged: {Status} ({ApiCalls} CloudTrail calls)", next.AccountId, next.Verdict.Status, apiCalls);
        }

        if (next.Verdict.Status == ComplianceStatus.Error)
        {
            logger.LogWarning("Could not evaluate account {AccountId}: {Errors}", next.AccountId, string.Join("; ", next.Verdict.Errors));
        }
    }
}
