using DriftWatch.Core.Monitoring;
namespace DriftWatch.Sinks;

/// <summary>One place the SOC hears from. The incidents table is written with the state, not through a sink.</summary>
public interface IIncidentSink
{
    /// <summary>Delivers a notice; throws when it could not.</summary>
    Task DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken);
}
