namespace DriftWatch.Core.Monitoring;

/// <summary>Coverage returned: what the open incident is resolved with, and its "incident.resolved" notice.</summary>
public sealed record IncidentResolution(
    string ResolvedIncidentId,
    DateTimeOffset ResolvedAt,
    EvaluationCause ResolvedBy,
    VerdictSummary Verdict,
    IncidentNotice Notice) : IncidentChange(Notice)
{
    /// <inheritdoc />
    public override IncidentAction Action => IncidentAction.Resolve;

    /// <inheritdoc />
    public override string? IncidentId => ResolvedIncidentId;

    /// <summary>Resolves an incident of the account, announcing the verdict and cause that resolved it.</summary>
    public static IncidentResolution Of(string incidentId, string accountId, DateTimeOffset at, EvaluationCause cause, VerdictSummary verdict) =>
        new(incidentId, at, cause, verdict, IncidentNotice.Of(IncidentNotice.Resolved, incidentId, accountId, at, cause, verdict));
}
