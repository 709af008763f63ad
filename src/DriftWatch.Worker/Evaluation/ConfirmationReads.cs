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
/// until one records a change. One schedule per account: a later such event replaces it and carries the earlier
/// events into its cause, since its own evaluation already read the account afresh; so a stream of events costs no
/// reads until it ends, and then one per delay. Each read goes through the coalescer and joins an evaluation that
/// runs, is pending, or started after it was due. Timers run on the TimeProvider. A stop abandons the reads not yet
/// made and logs each account's: the message is already settled, and the next worker's start-up sweep reads it again.
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
    /// <summary>The most events one confirmation names in its cause: the first, then the latest.</summary>
    public const int MaxCauseEvents = 10;

    private readonly IReadOnlyList<TimeSpan> _delays = options.Value.ConfirmationDelays;
    private readonly Dictionary<string, Schedule> _byAccount = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private long _scheduled;
    private long _reads;
    private long _shared;
    private long _changesFound;
    private long _abandoned;

    /// <summary>What confirmation has done so far (the bench prints it; /metrics counts the reads as driftwatch_confirmation_reads_total).</summary>
    public ConfirmationCounts Counts
    {
        get
        {
            lock (_byAccount)
            {
                return new(
                    Interlocked.Read(ref _scheduled),
                    Interlocked.Read(ref _reads),
                    Interlocked.Read(ref _shared),
                    Interlocked.Read(ref _changesFound),
                    Interlocked.Read(ref _abandoned),
                    _byAccount.Count);
            }
        }
    }

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

        Interlocked.Increment(ref _scheduled);
        lock (_byAccount)
        {
            IReadOnlyList<TriggerEvent> events = [change];
            if (_byAccount.Remove(outcome.AccountId, out var earlier))
            {
                earlier.Supersede();
                events = Bounded([.. earlier.Events, change]);
            }

            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                LogAbandoned(outcome.AccountId, events, 0);
                return;
            }

            var schedule = new Schedule(outcome.AccountId, events, time.GetUtcNow(), lifetime.ApplicationStopping);
            _byAccount[outcome.AccountId] = schedule;
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(Task.Run(() => RunAsync(schedule), CancellationToken.None));
        }
    }

    /// <summary>Waits until every confirmation scheduled so far has ended (tests and the bench; the worker never waits).</summary>
    public Task IdleAsync()
    {
        lock (_byAccount)
        {
            return Task.WhenAll(_running.ToList());
        }
    }

    private async Task RunAsync(Schedule schedule)
    {
        var made = 0;
        try
        {
            foreach (var delay in _delays)
            {
                var due = schedule.Since + delay;
                if (due - time.GetUtcNow() is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, time, schedule.Token).ConfigureAwait(false);
                }

                var (answer, causedRead) = coalescer.Confirm(schedule.AccountId, schedule.Events, due, CancellationToken.None);
                made++;
                var outcome = await answer.ConfigureAwait(false);
                metrics.Confirmed(causedRead, outcome);
                Interlocked.Increment(ref causedRead ? ref _reads : ref _shared);
                if (outcome is { CouldNotEvaluate: false, Transition: not null })
                {
                    await ChangedAsync(schedule, delay, outcome).ConfigureAwait(false);
                    return;
                }

                if (schedule.Superseded)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (schedule.Superseded)
        {
            // A later event of the account took over, with this one's events in its cause.
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogAbandoned(schedule.AccountId, schedule.Events, made);
        }
        catch (Exception e)
        {
            // The evaluation itself failed (its state could not be read or written): counted there; the sweep reads it again.
            logger.LogWarning(
                "Confirmation read {Step} of account {AccountId} after {EventName} {EventId} failed ({Failure}); the sweep reads it again",
                made, schedule.AccountId, InertText.Of(schedule.Latest.EventName), InertText.Of(schedule.Latest.EventId), InertText.Of(e.Message));
        }
        finally
        {
            lock (_byAccount)
            {
                if (_byAccount.TryGetValue(schedule.AccountId, out var current) && ReferenceEquals(current, schedule))
                {
                    _byAccount.Remove(schedule.AccountId);
                }
            }

            schedule.Dispose();
        }
    }

    private async Task ChangedAsync(Schedule schedule, TimeSpan delay, EvaluationOutcome outcome)
    {
        Interlocked.Increment(ref _changesFound);
        logger.LogInformation(
            "Confirmation read of account {AccountId}, {Delay} s after {EventName} {EventId}, recorded a change the first read missed",
            schedule.AccountId, delay.TotalSeconds, InertText.Of(schedule.Latest.EventName), InertText.Of(schedule.Latest.EventId));
        if (outcome.OwnsOrganizationTrail)
        {
            // The members' first reads may have been as stale as the owner's.
            await organization.ReevaluateMembersAsync(schedule.Latest, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
    }

    private void LogAbandoned(string accountId, IReadOnlyList<TriggerEvent> events, int made)
    {
        Interlocked.Increment(ref _abandoned);
        logger.LogWarning(
            "Stopping: {Left} confirmation reads of account {AccountId} after {EventName} {EventId} not made; the next start-up sweep reads it again",
            _delays.Count - made, accountId, InertText.Of(events[^1].EventName), InertText.Of(events[^1].EventId));
    }

    private static IReadOnlyList<TriggerEvent> Bounded(List<TriggerEvent> events) =>
        events.Count <= MaxCauseEvents ? events : [events[0], .. events[^(MaxCauseEvents - 1)..]];

    /// <summary>One account's pending confirmation reads.</summary>
    private sealed class Schedule(string accountId, IReadOnlyList<TriggerEvent> events, DateTimeOffset since, CancellationToken stopping) : IDisposable
    {
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        private int _superseded;

        public string AccountId { get; } = accountId;

        public IReadOnlyList<TriggerEvent> Events { get; } = events;

        public TriggerEvent Latest => Events[^1];

        public DateTimeOffset Since { get; } = since;

        public CancellationToken Token => _cancel.Token;

        public bool Superseded => Volatile.Read(ref _superseded) == 1;

        public void Supersede()
        {
            Interlocked.Exchange(ref _superseded, 1);
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already ended.
            }
        }

        public void Dispose() => _cancel.Dispose();
    }
}
