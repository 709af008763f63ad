namespace DriftWatch.Core.Monitoring;

/// <summary>
/// What to persist and announce after an observation of a region: the next watch, and the monitoring incident opened
/// or resolved with its notice. Unchanged is true when nothing needs writing.
/// </summary>
public sealed record RegionWatchDecision(RegionWatch Next, IncidentChange? Change, bool Unchanged)
{
    /// <summary>The notice to send, if any.</summary>
    public IncidentNotice? Notice => Change?.Notice;
}
