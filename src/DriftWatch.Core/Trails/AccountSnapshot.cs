namespace DriftWatch.Core.Trails;

/// <summary>
/// One read of an account's trails: every trail DescribeTrails listed, with its status and selectors.
/// Errors holds failures that left the trail list itself unknown (DescribeTrails failed). ApiCalls counts the
/// CloudTrail calls (1 + 2×trails); DestinationCalls the S3 and KMS calls made for this read (0 when cached results served).
/// </summary>
public sealed record AccountSnapshot(
    string AccountId,
    string Region,
    DateTimeOffset ReadAt,
    IReadOnlyList<TrailSnapshot> Trails,
    IReadOnlyList<ReadError> Errors,
    int ApiCalls)
{
    /// <summary>S3 and KMS calls made to read the trails' destinations for this snapshot.</summary>
    public int DestinationCalls { get; init; }
}
