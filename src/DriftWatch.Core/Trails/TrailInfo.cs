namespace DriftWatch.Core.Trails;

/// <summary>
/// A trail as DescribeTrails lists it: identity, scope and where it delivers (bucket, key prefix, KMS key), not its state.
/// </summary>
public sealed record TrailInfo(
    string Name,
    string Arn,
    string HomeRegion,
    bool IsMultiRegion,
    bool IsOrganization,
    string? S3BucketName = null,
    string? S3KeyPrefix = null,
    string? KmsKeyId = null)
{
    /// <summary>The account that owns the trail, taken from its ARN (arn:aws:cloudtrail:region:account:trail/name).</summary>
    public string OwnerAccountId => AccountOf(Arn);

    /// <summary>The account field of a trail ARN, or "" when the text is not one.</summary>
    public static string AccountOf(string arn) => arn.Split(':') is { Length: > 4 } parts ? parts[4] : "";
}
