using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// The S3 reads of a log bucket, each signed as <c>accountId</c>. "Not there" is an answer (null, empty), any other
/// failure an <see cref="AwsServiceException"/>.
/// </summary>
public interface IBucketClient
{
    /// <summary>The bucket's region (GetBucketLocation), or null when no such bucket exists.</summary>
    Task<string?> GetRegionAsync(string accountId, string region, string bucket, CancellationToken cancellationToken);

    /// <summary>The bucket policy document, or null when the bucket has none.</summary>
    Task<string?> GetPolicyAsync(string accountId, string region, string bucket, CancellationToken cancellationToken);

    /// <summary>The lifecycle rules, empty when the bucket has no lifecycle configuration.</summary>
    Task<IReadOnlyList<LifecycleRule>> GetLifecycleRulesAsync(string accountId, string region, string bucket, CancellationToken cancellationToken);
}
