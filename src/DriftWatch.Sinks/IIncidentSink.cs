using DriftWatch.Core.Monitoring;

namespace DriftWatch.Sinks;

/// <summary>One place the SOC hears from. The incidents table is written with the state, not through a sink.</summary>
public interface IIncidentSink
{
    /// <summary>Delivers a notice; a refusal is a result, not an exception.</summary>
    Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken);
}
