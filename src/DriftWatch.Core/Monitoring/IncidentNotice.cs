using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Monitoring;

/// <summary>What the SOC receives: the webhook body, and the fields of the incident log line.</summary>
public sealed record IncidentNotice(
    string Type,
    string IncidentId,
    string Account,
    ComplianceStatus Status,
    DateTimeOffset DetectedAt,
    NoticeCause Cause,
    IReadOnlyList<TrailSummary> Trails,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Remediation)
{
    /// <summary>What the incident is about: <see cref="IncidentKind"/>.</summary>
    public string Kind { get; init; } = IncidentKind.Coverage;

    /// <summary>A control dropped: an incident of the notice's kind opened.</summary>
    public const string Opened = "incident.opened";

    /// <summary>The control passes again: the incident of the notice's kind resolved.</summary>
    public const string Resolved = "incident.resolved";

    /// <summary>Evaluations have been failing for too long.</summary>
    public const string Blind = "monitoring.blind";

    /// <summary>AWS refused a call that could have reduced coverage: nothing changed, but someone tried.</summary>
    public const string AttemptDenied = "attempt.denied";

    /// <summary>A notice of the given type about a verdict found at a time, for a cause.</summary>
    public static IncidentNotice Of(string type, string incidentId, string accountId, DateTimeOffset at, EvaluationCause cause, VerdictSummary verdict) =>
        new(type, incidentId, accountId, verdict.Status, at, NoticeCause.Of(cause), verdict.Trails, verdict.Reasons, verdict.Remediation);
}
