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
    int ApiCalls)
{
    /// <summary>Log buckets whose lifecycle deletes logs sooner than the retention DriftWatch requires (an integrity finding, not coverage).</summary>
    public IReadOnlyList<RetentionShortfall> Retention { get; init; } = [];

    /// <summary>What DriftWatch could not verify but does not fail on (a destination it cannot read, say).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>S3 and KMS calls made to read the trails' destinations for this verdict (ApiCalls counts CloudTrail's).</summary>
    public int DestinationCalls { get; init; }
}
