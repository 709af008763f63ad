namespace DriftWatch.Core.Monitoring;

/// <summary>A control passes again: what the open incident of its kind is resolved with, and its "incident.resolved" notice.</summary>
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

    /// <inheritdoc />
    public override string Kind => Notice.Kind;

    /// <summary>Resolves an incident of the account, announcing the verdict and cause that resolved it.</summary>
    public static IncidentResolution Of(string incidentId, string accountId, DateTimeOffset at, EvaluationCause cause, VerdictSummary verdict, string kind = IncidentKind.Coverage) =>
        new(incidentId, at, cause, verdict, IncidentNotice.Of(IncidentNotice.Resolved, incidentId, accountId, at, cause, verdict) with { Kind = kind });
}
