using DriftWatch.Core.Monitoring;

namespace DriftWatch.Sinks;

/// <summary>One place the SOC hears from. The incidents table is written with the state, not through a sink.</summary>
public interface IIncidentSink
{
    /// <summary>
    /// The sink's stable name ("log", "webhook", "securityhub", "eventbridge", "slack", "pagerduty"). The outbox stores
    /// it with every notice the sink took, so a retry skips it: a name is never changed or reused.
    /// </summary>
    string Name { get; }

    /// <summary>False when the sink is not configured: it is handed nothing and counts as having every notice.</summary>
    bool Enabled { get; }

    /// <summary>Delivers a notice; a refusal is a result, not an exception. A sink that is not enabled accepts without doing anything.</summary>
    Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken);
}
