using System.Collections.Concurrent;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Shutdown;
using DriftWatch.Worker.Telemetry;

namespace DriftWatch.Worker.Evaluation;

/// <summary>
/// At most one evaluation in flight and one pending per account, with no added delay. Requests that arrive while
/// an evaluation runs join the pending one, which starts when the running one ends; so each request completes only
/// after an evaluation that started after it arrived has been persisted. A queued event is already answered by an
/// evaluation that started reading after the event was queued (the change was made before it was queued): it joins
/// that one, running or done, instead of causing another; so a backlog costs one evaluation per account, not one per event.
/// </summary>
public sealed class EvaluationCoalescer(IAccountEvaluation evaluator, ShutdownDrain drain, WorkerMetrics metrics, TimeProvider time)
{
    /// <summary>Allowance for clock skew between the queue's timestamps and this host's clock.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>
    /// Asks for an evaluation of the account; the event (null for a sweep) joins its cause. queuedAt, when known, is
    /// when the event entered the queue: an evaluation that started after it (by more than the clock skew) already
    /// covers the event.
    /// </summary>
    public Task<EvaluationOutcome> RequestAsync(string accountId, TriggerEvent? trigger, DateTimeOffset? queuedAt, CancellationToken cancellationToken) =>
        Request(accountId, trigger is null ? [] : [trigger], queuedAt + ClockSkew, cancellationToken).Outcome;

    /// <summary>
    /// Asks for a confirmation read of the account for its events (<see cref="ConfirmationReads"/>): answered by an
    /// evaluation that started at or after <paramref name="due"/> (both times are this host's clock, so no skew), joining
    /// one that runs or is pending (the events join its cause), or starting one. CausedRead is true when none would have
    /// run without it.
    /// </summary>
    public (Task<EvaluationOutcome> Outcome, bool CausedRead) Confirm(
        string accountId, IReadOnlyList<TriggerEvent> triggers, DateTimeOffset due, CancellationToken cancellationToken) =>
        Request(accountId, triggers, due, cancellationToken);

    private (Task<EvaluationOutcome> Outcome, bool CausedRead) Request(
        string accountId, IReadOnlyList<TriggerEvent> triggers, DateTimeOffset? coveredFrom, CancellationToken cancellationToken)
    {
        Round round;
        bool start;
        bool created;
        var slot = _slots.GetOrAdd(accountId, static _ => new Slot());
        lock (slot)
        {
            if (coveredFrom is { } from)
            {
                if (slot.Current is { } running && running.StartedAt >= from)
                {
                    // Still running: the event becomes part of its cause, so the transition names who changed what.
                    running.Add(triggers);
                    return (running.Completion.Task.WaitAsync(cancellationToken), false);
                }

                if (slot.Done is { } done && done.StartedAt >= from)
                {
                    return (done.Completion.Task, false);
                }
            }

            created = slot.Pending is null;
            slot.Pending ??= new Round();
            slot.Pending.Add(triggers);

            round = slot.Pending;
            start = !slot.Running;
            slot.Running = true;
        }

        if (start)
        {
            // The loop outlives any one caller: a caller that stops waiting must not cancel the others' evaluation.
            _ = Task.Run(() => RunAsync(accountId, slot), CancellationToken.None);
        }

        return (round.Completion.Task.WaitAsync(cancellationToken), created);
    }

    private async Task RunAsync(string accountId, Slot slot)
    {
        while (true)
        {
            Round round;
            lock (slot)
            {
                if (slot.Pending is null)
                {
                    slot.Running = false;
                    return;
                }

                round = slot.Pending;
                slot.Pending = null;
                round.StartedAt = time.GetUtcNow();
                slot.Current = round;
            }

            EvaluationOutcome? outcome = null;
            try
            {
                outcome = await evaluator.EvaluateAsync(accountId, () => CauseOf(round, slot), drain.Token);
            }
            catch (Exception e)
            {
                metrics.EvaluationFailed(e);
                round.Completion.TrySetException(e);
            }

            lock (slot)
            {
                slot.Current = null;
                if (outcome is { CouldNotEvaluate: false })
                {
                    slot.Done = round;
                }
            }

            if (outcome is not null)
            {
                round.Completion.TrySetResult(outcome);
            }
        }
    }

    private static EvaluationCause CauseOf(Round round, Slot slot)
    {
        lock (slot)
        {
            return EvaluationCause.FromEvents(round.Events.DistinctBy(e => (e.EventId, e.EventName, e.EventTime)).ToList());
        }
    }

    private sealed class Slot
    {
        public Round? Pending { get; set; }

        public bool Running { get; set; }

        public Round? Current { get; set; }

        public Round? Done { get; set; }
    }

    private sealed class Round
    {
        public DateTimeOffset StartedAt { get; set; }

        public List<TriggerEvent> Events { get; } = [];

        public void Add(IReadOnlyList<TriggerEvent> triggers) => Events.AddRange(triggers);

        public TaskCompletionSource<EvaluationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
