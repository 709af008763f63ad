using System.Collections.Concurrent;
using DriftWatch.Core.Monitoring;
using Microsoft.Extensions.Hosting;

namespace DriftWatch.Pipeline.Evaluation;

/// <summary>
/// At most one evaluation in flight and one pending per account, with no added delay. Requests that arrive while
/// an evaluation runs join the pending one, which starts when the running one ends; so each request completes only
/// after an evaluation that started after it arrived has been persisted.
/// </summary>
public sealed class EvaluationCoalescer(AccountEvaluator evaluator, IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Asks for an evaluation of the account; the event (null for a sweep) joins its cause.</summary>
    public Task<EvaluationOutcome> RequestAsync(string accountId, TriggerEvent? trigger, CancellationToken cancellationToken)
    {
        Round round;
        bool start;
        var slot = _slots.GetOrAdd(accountId, static _ => new Slot());
        lock (slot)
        {
            slot.Pending ??= new Round();
            if (trigger is not null)
            {
                slot.Pending.Events.Add(trigger);
            }

            round = slot.Pending;
            start = !slot.Running;
            slot.Running = true;
        }

        if (start)
        {
            // The loop outlives any one caller: a caller that stops waiting must not cancel the others' evaluation.
            _ = Task.Run(() => RunAsync(accountId, slot), CancellationToken.None);
        }

        return round.Completion.Task.WaitAsync(cancellationToken);
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
            }

            try
            {
                var cause = EvaluationCause.FromEvents(round.Events.DistinctBy(e => (e.EventId, e.EventName, e.EventTime)).ToList());
                round.Completion.TrySetResult(await evaluator.EvaluateAsync(accountId, cause, lifetime.ApplicationStopping));
            }
            catch (Exception e)
            {
                round.Completion.TrySetException(e);
            }
        }
    }

    private sealed class Slot
    {
        public Round? Pending { get; set; }

        public bool Running { get; set; }
    }

    private sealed class Round
    {
        public List<TriggerEvent> Events { get; } = [];

        public TaskCompletionSource<EvaluationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
