namespace DriftWatch.Core.Trails;

/// <summary>
/// What was read of a trail's destination: its bucket (found or not), the bucket policy, the lifecycle rules and the
/// KMS key. A part that could not be read is listed in NotVerified and left null: "could not read" is never "missing".
/// Policy is the policy document as S3 returned it, null when the bucket has none; Lifecycle is empty when the
/// bucket has no lifecycle configuration; Key is null when the trail names no key.
/// </summary>
public sealed record TrailDestination(
    string Bucket,
    string? KeyPrefix,
    string? KmsKeyId,
    bool? BucketFound,
    string? Policy,
    IReadOnlyList<LifecycleRule>? Lifecycle,
    DestinationKey? Key,
    IReadOnlyList<DestinationNotVerified> NotVerified)
{
    /// <summary>True when the named part could not be read.</summary>
    public bool IsUnverified(DestinationPart part) => NotVerified.Any(n => n.Part == part);

    /// <summary>True when this read was of the destination the trail names now (a changed bucket, prefix or key needs a new read).</summary>
    public bool Describes(TrailInfo trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return string.Equals(Bucket, trail.S3BucketName, StringComparison.Ordinal)
            && string.Equals(KeyPrefix ?? "", trail.S3KeyPrefix ?? "", StringComparison.Ordinal)
            && string.Equals(KmsKeyId ?? "", trail.KmsKeyId ?? "", StringComparison.Ordinal);
    }
}
