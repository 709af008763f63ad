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

    /// <summary>
    /// DescribeTrails as DriftWatch's own account, whose id <paramref name="ownAccountId"/> STS may still be naming:
    /// its own keys need no id, so a client that can starts at once. This one waits for the id; it throws what that task throws.
    /// </summary>
    async Task<IReadOnlyList<TrailInfo>> DescribeOwnTrailsAsync(Task<string> ownAccountId, string region, CancellationToken cancellationToken) =>
        await DescribeTrailsAsync(await ownAccountId.ConfigureAwait(false), region, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the trail logs and how its latest delivery went. Call it in the trail's home region.</summary>
    Task<TrailStatus> GetTrailStatusAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken);

    /// <summary>The trail's basic or advanced event selectors. Call it in the trail's home region.</summary>
    Task<EventSelectors> GetEventSelectorsAsync(string accountId, string region, string trailArn, CancellationToken cancellationToken);
}
