using System.Collections.Concurrent;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Evaluation;

/// <summary>
/// AWS applies trail changes eventually: the evaluation a StopLogging event causes may still read the trail logging.
/// So when the event of a call that can reduce coverage finds no change, the account is read again after each of
/// <see cref="EvaluationOptions.ConfirmationDelays"/> (counted from that evaluation), with the event as the cause,
/// until one records a change. Each read goes through the coalescer: one that another evaluation already answers
/// (started after it was due, or pending) joins it, so a stream of events costs no reads beyond its last event's.
/// Timers run on the TimeProvider. A stop abandons the confirmations not yet made and logs each of them: the message
/// is already settled, and the next worker's start-up sweep reads the account again.
/// </summary>
public sealed class ConfirmationReads(
    EvaluationCoalescer coalescer,
    OrganizationFanOut organization,
    IOptions<EvaluationOptions> options,
    IHostApplicationLifetime lifetime,
    WorkerMetrics metrics,
    TimeProvider time,
    ILogger<ConfirmationReads> logger)
{
    private readonly IReadOnlyList<TimeSpan> _delays = options.Value.ConfirmationDelays;
    private readonly ConcurrentDictionary<Confirmation, Task> _pending = new();
    private long _scheduled;
    private long _reads;
    private long _shared;
    private long _changesFound;
    private long _abandoned;

    /// <summary>What confirmation has done so far (the bench prints it; /metrics has the reads as driftwatch_confirmation_reads_total).</summary>
    public ConfirmationCounts Counts => new(
        Interlocked.Read(ref _scheduled),
        Interlocked.Read(ref _reads),
        Interlocked.Read(ref _shared),
        Interlocked.Read(ref _changesFound),
        Interlocked.Read(ref _abandoned),
        _pending.Count);

    /// <summary>
    /// Called with the outcome of the evaluation that answered an event: schedules its confirmation reads when the
    /// call can reduce coverage and nothing changed. Returns at once; the reads run on their own.
    /// </summary>
    public void After(TriggerEvent change, EvaluationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(outcome);
        if (_delays.Count == 0 || outcome.CouldNotEvaluate || outcome.Transition is not null || !MonitoredCalls.CanReduceCoverage(change.EventName))
        {
            return;
        }

        var confirmation = new Confirmation(change, outcome.AccountId, time.GetUtcNow());
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogAbandoned(confirmation, 0);
            return;
        }

        Interlocked.Increment(ref _scheduled);

        // Registered before it starts, so that its own end always finds the entry to remove.
        var run = new Task<Task>(() => RunAsync(confirmation));
        _pending[confirmation] = run.Unwrap();
        run.Start(TaskScheduler.Default);
    }

    /// <summary>Waits until every confirmation scheduled so far has ended (tests and the bench; the worker never waits).</summary>
    public Task IdleAsync() => Task.WhenAll(_pending.Values);

    private async Task RunAsync(Confirmation confirmation)
    {
        var step = 0;
        try
        {
            foreach (var delay in _delays)
            {
                var due = confirmation.Since + delay;
                if (due - time.GetUtcNow() is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, time, lifetime.ApplicationStopping).ConfigureAwait(false);
                }

                step++;
                var (answer, causedRead) = coalescer.Confirm(confirmation.AccountId, confirmation.Change, due, CancellationToken.None);
                var outcome = await answer.ConfigureAwait(false);
                metrics.Confirmed(causedRead, outcome);
                Interlocked.Increment(ref causedRead ? ref _reads : ref _shared);
                if (outcome is { CouldNotEvaluate: false, Transition: not null })
                {
                    Interlocked.Increment(ref _changesFound);
                    logger.LogInformation(
                        "Confirmation read {Step} of account {AccountId}, {Delay} s after {EventName} {EventId}, recorded a change",
                        step, confirmation.AccountId, delay.TotalSeconds, InertText.Of(confirmation.Change.EventName), InertText.Of(confirmation.Change.EventId));
                    if (outcome.OwnsOrganizationTrail)
                    {
                        await organization.ReevaluateMembersAsync(confirmation.Change, lifetime.ApplicationStopping).ConfigureAwait(false);
                    }

                    return;
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogAbandoned(confirmation, step);
        }
        catch (Exception e)
        {
            // The evaluation itself failed (its state could not be read or written): counted there; the sweep reads it again.
            logger.LogWarning(
                "Confirmation read {Step} of account {AccountId} for {EventName} {EventId} failed ({Failure}); the sweep reads it again",
                step, confirmation.AccountId, InertText.Of(confirmation.Change.EventName), InertText.Of(confirmation.Change.EventId), InertText.Of(e.Message));
        }
        finally
        {
            _pending.TryRemove(confirmation, out _);
        }
    }

    private void LogAbandoned(Confirmation confirmation, int made)
    {
        Interlocked.Increment(ref _abandoned);
        logger.LogWarning(
            "Stopping: {Left} confirmation reads of account {AccountId} for {EventName} {EventId} not made; the next start-up sweep reads it again",
            _delays.Count - made, confirmation.AccountId, InertText.Of(confirmation.Change.EventName), InertText.Of(confirmation.Change.EventId));
    }

    private sealed record Confirmation(TriggerEvent Change, string AccountId, DateTimeOffset Since)
    {
        // Reference identity: two confirmations of the same event (a redelivered message) are two entries.
        public bool Equals(Confirmation? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }
}
