using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.CloudTrail;

/// <summary>The CloudTrail reads DriftWatch needs, returning core records. Failures throw <see cref="AwsServiceException"/>.</summary>
public interface ICloudTrailClient
{
    /// <summary>Every trail visible in the region, shadow copies of multi-region trails homed elsewhere included.</summary>
    Task<IReadOnlyList<TrailInfo>> DescribeTrailsAsync(string region, CancellationToken cancellationToken);

    /// <summary>Whether the trail logs and how its latest delivery went. Call it in the trail's home region.</summary>
    Task<TrailStatus> GetTrailStatusAsync(string region, string trailArn, CancellationToken cancellationToken);

    /// <summary>The trail's basic or advanced event selectors. Call it in the trail's home region.</summary>
    Task<EventSelectors> GetEventSelectorsAsync(string region, string trailArn, CancellationToken cancellationToken);

    /// <summary>Name, ARN and home region of every trail visible in the region (all pages).</summary>
    Task<IReadOnlyList<TrailListing>> ListTrailsAsync(string region, CancellationToken cancellationToken);
}
