using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Monitoring;

/// <summary>One change of an account's coverage: before and after, what caused it, when it was detected.</summary>
public sealed record Transition(
    string AccountId,
    long Version,
    ComplianceStatus? From,
    ComplianceStatus To,
    DateTimeOffset DetectedAt,
    EvaluationCause Cause,
    VerdictSummary? Before,
    VerdictSummary After);
