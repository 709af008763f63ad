using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Monitoring;

/// <summary>What history and incidents keep of one trail: enough to say what changed, small enough to store every time.</summary>
public sealed record TrailSummary(
    string Name,
    string Arn,
    string HomeRegion,
    bool MultiRegion,
    bool Organization,
    bool? Logging,
    bool? ManagementReads,
    bool? ManagementWrites,
    IReadOnlyList<string> ExcludedSources,
    string? DeliveryProblem,
    bool Covers,
    IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// What is wrong with the trail's destination (bucket, policy, key), null when nothing is or it was not verified:
    /// "not verified" is no fact about the trail, so reads that fail now and then never look like drift.
    /// </summary>
    public string? DestinationProblem { get; init; }

    /// <summary>Summarises an assessment.</summary>
    public static TrailSummary Of(TrailAssessment t) => new(
        t.Trail.Name,
        t.Trail.Arn,
        t.Trail.HomeRegion,
        t.Trail.IsMultiRegion,
        t.Trail.IsOrganization,
        t.Logging,
        t.Coverage?.Reads,
        t.Coverage?.Writes,
        t.Coverage?.ExcludedSources ?? [],
        t.Delivery?.ToString(),
        t.Covers,
        t.Reasons)
    {
        DestinationProblem = t.Destination is { Problems.Count: > 0 } d ? string.Join("; ", d.Problems) : null,
    };

    /// <summary>The facts whose change is drift; reasons' wording is not.</summary>
    public string Fingerprint =>
        $"{Arn}|{MultiRegion}|{Logging}|{ManagementReads}|{ManagementWrites}|{string.Join(',', ExcludedSources)}|{DeliveryProblem is not null}|{Covers}"
        + (DestinationProblem is null ? "" : $"|destination:{DestinationProblem}");
}
