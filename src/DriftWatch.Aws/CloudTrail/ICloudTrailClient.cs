using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.CloudTrail;

/// <summary>
/// The CloudTrail reads DriftWatch needs, returning core records, each made as the account named: with DriftWatch's
/// own keys for its own account, through the account's role for any other. Failures throw <see cref="AwsServiceException"/>.
/// </summary>
public interface ICloudTrailClient
{
    /// <summary>Every trail visible in the region, shadow copies of multi-region trails homed elsewhere included.</summary>
    Task<IReadOnlyList<TrailInfo>> DescribeTrailsAsync(string accountId, string region, CancellationToken cancellationToken);

    /// <summary>Whether the trail logs and how its latest delivery went. Call it in the trail's home region.</summary>
    Task<TrailStatus> GetTrailStatusAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken);

    /// <summary>The trail's basic or advanced event selectors. Call it in the trail's home region.</summary>
    Task<EventSelectors> GetEventSelectorsAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken);
}
