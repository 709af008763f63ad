namespace DriftWatch.Core.Monitoring;

/// <summary>
/// One row of the incidents table as an evaluation changes it, with the notice that announces the change. Both are
/// decided in Core (<see cref="StateDecider"/>, <see cref="DeniedAttempt"/>): the store writes them as given, and the
/// outbox redelivers the notice exactly as it was first sent, so every delivery tells the SOC the same story.
/// </summary>
public abstract record IncidentChange(IncidentNotice Notice)
{
    /// <summary>What the change means for the SOC.</summary>
    public abstract IncidentAction Action { get; }

    /// <summary>The incident opened or resolved; null for a notice that belongs to no incident.</summary>
    public abstract string? IncidentId { get; }

    /// <summary>What the change is about: <see cref="IncidentKind"/>.</summary>
    public virtual string Kind => Notice.Kind;
}
