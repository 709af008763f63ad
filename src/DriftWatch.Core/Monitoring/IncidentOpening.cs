namespace DriftWatch.Core.Monitoring;

/// <summary>A control dropped: a new open incident of its kind, and its "incident.opened" notice.</summary>
public sealed record IncidentOpening(Incident Incident, IncidentNotice Notice) : IncidentChange(Notice)
{
    /// <inheritdoc />
    public override IncidentAction Action => IncidentAction.Open;

    /// <inheritdoc />
    public override string? IncidentId => Incident.IncidentId;

    /// <inheritdoc />
    public override string Kind => Incident.Kind;

    /// <summary>Opens the incident, announcing what it was opened with.</summary>
    public static IncidentOpening Of(Incident incident) => new(
        incident,
        IncidentNotice.Of(IncidentNotice.Opened, incident.IncidentId, incident.AccountId, incident.OpenedAt, incident.OpenedBy, incident.Verdict) with
        {
            Kind = incident.Kind,
        });
}
