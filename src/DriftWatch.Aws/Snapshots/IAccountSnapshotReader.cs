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
    /// Reads DriftWatch's own account, whose id <paramref name="ownAccountId"/> STS may still be naming: a reader that
    /// can starts before the id is known (its own keys need none). This one waits for the id. Throws what that task throws.
    /// </summary>
    async Task<AccountSnapshot> ReadOwnAsync(Task<string> ownAccountId, string region, DestinationReads destinations, CancellationToken cancellationToken) =>
        await ReadAsync(await ownAccountId.ConfigureAwait(false), region, destinations, cancellationToken).ConfigureAwait(false);
}
