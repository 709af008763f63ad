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
}
