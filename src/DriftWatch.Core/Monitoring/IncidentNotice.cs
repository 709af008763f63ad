using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;

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
    /// <summary>Coverage dropped.</summary>
    public const string Opened = "incident.opened";

    /// <summary>Coverage returned.</summary>
    public const string Resolved = "incident.resolved";

    /// <summary>Evaluations have been failing for too long.</summary>
    public const string Blind = "monitoring.blind";

    /// <summary>The notice for a decision, or null when the SOC need not hear of it.</summary>
    public static IncidentNotice? For(StateDecision decision, EvaluationCause cause)
    {
        var type = decision.Action switch
        {
            IncidentAction.Open => Opened,
            IncidentAction.Resolve => Resolved,
            IncidentAction.MonitoringBlind => Blind,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        var state = decision.Next;
        return new IncidentNotice(
            type,
            decision.IncidentId ?? $"blind-{Incident.IdFor(state.AccountId, state.Version)}",
            state.AccountId,
            state.Verdict.Status,
            state.LastEvaluatedAt,
            NoticeCause.Of(cause),
            state.Verdict.Trails,
            state.Verdict.Reasons,
            state.Verdict.Remediation);
    }
}
