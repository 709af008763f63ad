using DriftWatch.Core.Monitoring;
using DriftWatch.Sinks;

namespace DriftWatch.Worker.Telemetry;

/// <summary>
/// Counts what one sink accepted and refused, around the sink itself: the notifier (in DriftWatch.Sinks, which knows
/// nothing of the worker's metrics) stays as it is, and every path to a sink, first delivery or outbox retry, is seen.
/// </summary>
internal sealed class MeteredIncidentSink(IIncidentSink inner, WorkerMetrics metrics) : IIncidentSink
{
    private readonly string _name = NameOf(inner);

    /// <inheritdoc />
    public async Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        var result = await inner.DeliverAsync(notice, cancellationToken);
        metrics.Delivered(_name, notice, accepted: result.Delivered);
        return result;
    }

    /// <summary>WebhookIncidentSink -> webhook, LogIncidentSink -> log: a label that stays the same across releases.</summary>
    private static string NameOf(IIncidentSink sink)
    {
        var name = sink.GetType().Name;
        var end = name.IndexOf("IncidentSink", StringComparison.Ordinal);
        return (end > 0 ? name[..end] : name).ToLowerInvariant();
    }
}
