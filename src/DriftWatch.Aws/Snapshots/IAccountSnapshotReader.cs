using DriftWatch.Aws.Destinations;
using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Snapshots;

/// <summary>Collects one account's trails, statuses and selectors into a snapshot the core evaluates.</summary>
public interface IAccountSnapshotReader
{
    /// <summary>
    /// Reads the account as seen from <paramref name="region"/>. AWS failures become ReadErrors in the snapshot,
    /// never exceptions; only caller cancellation throws.
    /// </summary>
    Task<AccountSnapshot> ReadAsync(string accountId, string region, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the account, and the destinations of the trails that would otherwise cover as fresh as
    /// <paramref name="destinations"/> asks. A reader that reads no destinations reads the trails alone.
    /// </summary>
    Task<AccountSnapshot> ReadAsync(string accountId, string region, DestinationReads destinations, CancellationToken cancellationToken) =>
        ReadAsync(accountId, region, cancellationToken);

    /// <summary>
    /// Reads the account as above, starting on the status and selectors of the <paramref name="expected"/> trails (the
    /// ones the last verdict saw) while DescribeTrails is still under way; what DescribeTrails then lists is what the
    /// snapshot holds, so an expected trail that is gone only costs its two reads. A reader that cannot read ahead
    /// reads as above.
    /// </summary>
    Task<AccountSnapshot> ReadAsync(
        string accountId, string region, DestinationReads destinations, IReadOnlyCollection<TrailInfo> expected, CancellationToken cancellationToken) =>
        ReadAsync(accountId, region, destinations, cancellationToken);
}
