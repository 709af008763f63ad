namespace DriftWatch.Core.Evaluation;

/// <summary>
/// The evaluator's view of a trail's destination. Problems (Broken) mean the trail does not cover; NotVerified lists
/// what could not be read, which is a warning and never a failure; Retention lists lifecycle rules that delete logs
/// too soon, which leaves coverage as it is.
/// </summary>
public sealed record DestinationAssessment(
    string Bucket,
    string? KeyPrefix,
    string? KmsKeyId,
    IReadOnlyList<DestinationProblem> Problems,
    IReadOnlyList<string> NotVerified,
    IReadOnlyList<RetentionShortfall> Retention)
{
    /// <summary>Broken when anything is wrong, else not verified when anything could not be read, else ok.</summary>
    public DestinationStatus Status =>
        Problems.Count > 0 ? DestinationStatus.Broken : NotVerified.Count > 0 ? DestinationStatus.NotVerified : DestinationStatus.Ok;

    /// <summary>True when the problems include one of the given kinds.</summary>
    public bool Has(params DestinationProblemKind[] kinds) => Problems.Any(p => kinds.Contains(p.Kind));
}
