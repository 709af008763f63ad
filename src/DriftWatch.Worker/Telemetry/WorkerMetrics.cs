using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Evaluation;

namespace DriftWatch.Worker.Telemetry;

/// <summary>
/// Every figure the worker reports, on one Meter: what /metrics serves and OTLP exports. Instruments carry their
/// Prometheus names (driftwatch_*, counters ending in _total) so the text a scrape returns and the names in this file
/// are the same words. Labels have few values each (result, sink, notice type, kind): never an account id or an event
/// field, which would grow without bound and carry caller-controlled text. Costs next to nothing while nobody listens.
/// </summary>
public sealed class WorkerMetrics
{
    /// <summary>The Meter name to subscribe to.</summary>
    public const string MeterName = "DriftWatch.Worker";

    /// <summary>Every incident today is about coverage; heartbeats (a later issue) will add a kind of their own.</summary>
    public const string CoverageKind = "coverage";

    // Seconds: an evaluation is tens of milliseconds on a near AWS, seconds under throttling; a notice follows its
    // event by about a second, minutes when the webhook was down and the outbox retried.
    private static readonly double[] SecondsBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private static readonly AsyncLocal<bool> InOutboxRetry = new();

    private readonly Counter<long> _evaluations;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _couldNotEvaluate;
    private readonly Counter<long> _incidentsOpened;
    private readonly Counter<long> _incidentsResolved;
    private readonly Counter<long> _noticesDelivered;
    private readonly Counter<long> _noticesRetried;
    private readonly Counter<long> _noticesFailed;
    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _messagesDeadLettered;
    private readonly Counter<long> _confirmationReads;
    private readonly Counter<long> _confirmationsShared;
    private readonly Histogram<double> _evaluationDuration;
    private readonly Histogram<double> _visibleToNotified;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _visibleSince = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _outboxDepth;

    /// <summary>Creates the instruments on a Meter of the host's factory, so each host (and test) has its own.</summary>
    public WorkerMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        Meter = meters.Create(MeterName);
        _evaluations = Meter.CreateCounter<long>("driftwatch_evaluations_total", "{evaluation}", "Evaluations recorded, by result (pass, fail, error).");
        _transitions = Meter.CreateCounter<long>("driftwatch_transitions_total", "{transition}", "Changes of an account's verdict, by from and to.");
        _couldNotEvaluate = Meter.CreateCounter<long>(
            "driftwatch_could_not_evaluate_total", "{evaluation}", "Evaluations without a verdict: aws_error (AWS reads failed) or failed (the evaluation itself failed).");
        _incidentsOpened = Meter.CreateCounter<long>("driftwatch_incidents_opened_total", "{incident}", "Incidents opened, by kind.");
        _incidentsResolved = Meter.CreateCounter<long>("driftwatch_incidents_resolved_total", "{incident}", "Incidents resolved, by kind.");
        _noticesDelivered = Meter.CreateCounter<long>("driftwatch_notices_delivered_total", "{notice}", "Notices a sink accepted, by sink and type.");
        _noticesRetried = Meter.CreateCounter<long>("driftwatch_notices_retried_total", "{notice}", "Deliveries retried from the outbox, by sink and type.");
        _noticesFailed = Meter.CreateCounter<long>("driftwatch_notices_failed_total", "{notice}", "Deliveries a sink refused or could not take, by sink and type.");
        _messagesReceived = Meter.CreateCounter<long>("driftwatch_messages_received_total", "{message}", "Messages received from the event queue.");
        _messagesDeadLettered = Meter.CreateCounter<long>("driftwatch_messages_dead_lettered_total", "{message}", "Messages parked in the dead-letter queue (not CloudTrail events).");
        _confirmationReads = Meter.CreateCounter<long>(
            "driftwatch_confirmation_reads_total", "{evaluation}", "Evaluations a confirmation read caused (no other request would have run them), by what they found (change, no_change, error).");
        _confirmationsShared = Meter.CreateCounter<long>(
            "driftwatch_confirmations_shared_total", "{confirmation}", "Confirmation reads answered by an evaluation other requests caused: no read of their own.");
        _evaluationDuration = Meter.CreateHistogram(
            "driftwatch_evaluation_duration_seconds", "s", "One evaluation: state read, trails read and commit (the notice is driftwatch_visible_to_notified_seconds), by result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _visibleToNotified = Meter.CreateHistogram(
            "driftwatch_visible_to_notified_seconds", "s", "From a message entering the queue (SQS SentTimestamp) to a sink accepting its notice, by sink.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        Meter.CreateObservableGauge("driftwatch_outbox_depth", () => Interlocked.Read(ref _outboxDepth), "{notice}", "Notices waiting in the outbox at its last poll.");
    }

    /// <summary>The Meter the instruments live on.</summary>
    public Meter Meter { get; }

    /// <summary>A recorded evaluation: its verdict, what it decided (null when another worker had recorded it), its time.</summary>
    public void Evaluated(ComplianceStatus status, StateDecision? decision, TimeSpan elapsed)
    {
        var result = new KeyValuePair<string, object?>("result", Label(status));
        _evaluations.Add(1, result);
        _evaluationDuration.Record(elapsed.TotalSeconds, result);
        if (status == ComplianceStatus.Error)
        {
            _couldNotEvaluate.Add(1, new KeyValuePair<string, object?>("reason", "aws_error"));
        }

        if (decision?.Transition is { } transition)
        {
            _transitions.Add(1, new("from", transition.From is { } from ? Label(from) : "unknown"), new("to", Label(transition.To)));
        }

        foreach (var change in decision?.Changes ?? [])
        {
            var kind = new KeyValuePair<string, object?>("kind", change.Kind);
            if (change.Action == IncidentAction.Open)
            {
                _incidentsOpened.Add(1, kind);
            }
            else if (change.Action == IncidentAction.Resolve)
            {
                _incidentsResolved.Add(1, kind);
            }
        }
    }

    /// <summary>An evaluation that ended without any verdict (its state could not be read or written); a stop is not one.</summary>
    public void EvaluationFailed(Exception failure)
    {
        if (failure is not OperationCanceledException)
        {
            _couldNotEvaluate.Add(1, new KeyValuePair<string, object?>("reason", "failed"));
        }
    }

    /// <summary>Messages a receive brought back.</summary>
    public void MessagesReceived(int count)
    {
        if (count > 0)
        {
            _messagesReceived.Add(count);
        }
    }

    /// <summary>A message parked in the dead-letter queue.</summary>
    public void MessageDeadLettered() => _messagesDeadLettered.Add(1);

    /// <summary>A confirmation read was answered: by an evaluation it caused (counted by what it found), or by one it shared.</summary>
    public void Confirmed(bool causedRead, EvaluationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!causedRead)
        {
            _confirmationsShared.Add(1);
            return;
        }

        var found = outcome.CouldNotEvaluate ? "error" : outcome.Transition is not null ? "change" : "no_change";
        _confirmationReads.Add(1, new KeyValuePair<string, object?>("found", found));
    }

    /// <summary>The notices the outbox held at its last poll.</summary>
    public void OutboxDepthIs(int count) => Interlocked.Exchange(ref _outboxDepth, count);

    /// <summary>
    /// Remembers when an event's message became visible, until the returned scope ends (the message is handled), so
    /// that a sink accepting its notice meanwhile can tell the latency. Null times and repeated ids are ignored.
    /// </summary>
    public IDisposable Visible(string eventId, DateTimeOffset? visibleAt) =>
        visibleAt is { } at && _visibleSince.TryAdd(eventId, at) ? new Forget(_visibleSince, eventId) : NoScope.Instance;

    /// <summary>Marks what runs inside the returned scope as a retry from the outbox.</summary>
    public static IDisposable OutboxRetry()
    {
        InOutboxRetry.Value = true;
        return new EndRetry();
    }

    /// <summary>A sink took a notice (or failed to); counted per sink and type, with its latency on first delivery.</summary>
    internal void Delivered(string sink, IncidentNotice notice, bool accepted)
    {
        KeyValuePair<string, object?>[] labels = [new("sink", sink), new("type", notice.Type)];
        if (InOutboxRetry.Value)
        {
            _noticesRetried.Add(1, labels);
        }

        (accepted ? _noticesDelivered : _noticesFailed).Add(1, labels);
        if (accepted && notice.Cause.EventId is { } eventId && _visibleSince.TryGetValue(eventId, out var visibleAt))
        {
            _visibleToNotified.Record((_time.GetUtcNow() - visibleAt).TotalSeconds, new KeyValuePair<string, object?>("sink", sink));
        }
    }

    private static string Label(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Pass => "pass",
        ComplianceStatus.Fail => "fail",
        _ => "error",
    };

    private sealed class Forget(ConcurrentDictionary<string, DateTimeOffset> visible, string eventId) : IDisposable
    {
        public void Dispose() => visible.TryRemove(eventId, out _);
    }

    private sealed class EndRetry : IDisposable
    {
        public void Dispose() => InOutboxRetry.Value = false;
    }

    private sealed class NoScope : IDisposable
    {
        public static NoScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
