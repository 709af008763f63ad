using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Evaluation;

/// <summary>What one persisted evaluation found and recorded.</summary>
public sealed record EvaluationOutcome(
    string AccountId,
    ComplianceStatus Status,
    Transition? Transition,
    IncidentAction Action,
    int ApiCalls,
    bool OwnsOrganizationTrail = false)
{
    /// <summary>True when AWS errors left the verdict undecided: the triggering messages should be tried again.</summary>
    public bool CouldNotEvaluate => Status == ComplianceStatus.Error;
}
