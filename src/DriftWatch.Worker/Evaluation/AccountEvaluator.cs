using DriftWatch.Aws.Identity;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Aws;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Trails;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Evaluation;

/// <summary>
/// One evaluation, start to end: read the recorded state, read the account's trails back from AWS (the event is
/// only a trigger), evaluate, decide, commit atomically, then tell the SOC. A commit that loses the race to another
/// worker is evaluated again from fresh reads, so an older evaluation never overwrites a newer state.
/// </summary>
public sealed class AccountEvaluator(
    IAccountSnapshotReader reader,
    IStateStore store,
    IncidentNotifier notifier,
    ConfiguredWaivers exceptions,
    IOptions<EvaluationOptions> evaluation,
    IOptions<IncidentOptions> incidents,
    WorkerMetrics metrics,
    AwsRegionResolver regions,
    TimeProvider time,
    ILogger<AccountEvaluator> logger)
{
    private const int MaxCommitAttempts = 5;

    /// <summary>Evaluates an account and persists the result.</summary>
    public Task<EvaluationOutcome> EvaluateAsync(string accountId, EvaluationCause cause, CancellationToken cancellationToken) =>
        EvaluateAsync(accountId, () => cause, cancellationToken);

    /// <summary>
    /// Evaluates an account and persists the result. The cause is taken once the trails have been read, so events that
    /// joined the evaluation while it read are recorded as its cause too.
    /// </summary>
    public async Task<EvaluationOutcome> EvaluateAsync(string accountId, Func<EvaluationCause> causeSoFar, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var region = evaluation.Value.Region ?? regions.Resolve();
        using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.Evaluate);
        span?.SetTag("driftwatch.account_id", accountId);
        for (var attempt = 1; attempt <= MaxCommitAttempts; attempt++)
        {
            AccountState? previous;
            using (PipelineTelemetry.Source.StartActivity(PipelineTelemetry.StateRead))
            {
                previous = await store.GetAsync(accountId, cancellationToken);
            }

            AccountSnapshot snapshot;
            using (var read = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.TrailsRead))
            {
                snapshot = await reader.ReadAsync(accountId, region, cancellationToken);
                read?.SetTag("driftwatch.api_calls", snapshot.ApiCalls);
            }

            var now = time.GetUtcNow();
            var cause = causeSoFar();
            var verdict = ComplianceEvaluator.Evaluate(snapshot, now, exceptions.For(accountId, now));
            var decision = StateDecider.Decide(previous, verdict, cause, now, incidents.Value.BlindAfter);
            var opened = decision.Action == IncidentAction.Open
                ? new Incident(decision.IncidentId!, accountId, now, null, cause, decision.Next.Verdict)
                : null;

            bool committed;
            using (PipelineTelemetry.Source.StartActivity(PipelineTelemetry.Commit))
            {
                committed = await store.CommitAsync(previous, decision, opened, cancellationToken);
            }

            if (committed)
            {
                Log(decision, snapshot.ApiCalls);
                if (IncidentNotice.For(decision, cause) is { } notice)
                {
                    using var notify = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.Notify);
                    await notifier.NotifyAsync(notice, cancellationToken);
                }

                metrics.Evaluated(verdict.Status, decision, time.GetElapsedTime(started));
                return new EvaluationOutcome(
                    accountId, verdict.Status, decision.Transition, decision.Action, snapshot.ApiCalls, OwnsOrganizationTrail(accountId, snapshot, previous));
            }

            // Another worker committed first. If what it recorded is the verdict this read (made after the request
            // arrived) found, the request is answered: nothing to add, and no race to lose again and again.
            if (await store.GetAsync(accountId, cancellationToken) is { } current && current.Verdict.Fingerprint == decision.Next.Verdict.Fingerprint)
            {
                logger.LogDebug("Account {AccountId}: another worker recorded the same verdict first", accountId);
                metrics.Evaluated(verdict.Status, null, time.GetElapsedTime(started));
                return new EvaluationOutcome(
                    accountId, verdict.Status, null, IncidentAction.None, snapshot.ApiCalls, OwnsOrganizationTrail(accountId, snapshot, previous));
            }

            logger.LogInformation("State of account {AccountId} moved during evaluation (attempt {Attempt}); evaluating again", accountId, attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50 * (attempt + 1))), time, cancellationToken);
        }

        throw new InvalidOperationException($"the state of account {accountId} kept moving over {MaxCommitAttempts} evaluations");
    }

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
