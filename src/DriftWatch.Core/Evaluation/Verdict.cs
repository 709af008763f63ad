using DriftWatch.Core.Waivers;
using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Evaluation;

/// <summary>The answer for one account at one moment, with every trail's assessment and how to fix a failure.</summary>
public sealed record Verdict(
    ComplianceStatus Status,
    string AccountId,
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<TrailAssessment> Trails,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Remediation,
    IReadOnlyList<ReadError> Errors,
    Waiver? Exception,
    int ApiCalls);
