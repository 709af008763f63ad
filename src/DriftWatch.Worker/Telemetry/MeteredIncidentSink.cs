using DriftWatch.Core.Monitoring;
using DriftWatch.Sinks;

namespace DriftWatch.Worker.Telemetry;

/// <summary>
/// Counts what one sink accepted and refused, around the sink itself: the notifier (in DriftWatch.Sinks, which knows
/// nothing of the worker's metrics) stays as it is, and every path to a sink, first delivery or outbox retry, is seen.
/// </summary>
internal sealed class MeteredIncidentSink(IIncidentSink inner, WorkerMetrics metrics) : IIncidentSink
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public bool Enabled => inner.Enabled;

    /// <inheritdoc />
    public async Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        var result = await inner.DeliverAsync(notice, cancellationToken);

        // The sink's own stable name is the label, so it stays the same across releases.
        metrics.Delivered(inner.Name, notice, accepted: result.Delivered);
        return result;
    }
}
