using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>The watch of each (account, region) DriftWatch monitors, and one atomic commit of what an observation decided.</summary>
public interface IMonitorStore
{
    /// <summary>The region's watch, or null when it was never watched.</summary>
    Task<RegionWatch?> GetAsync(string accountId, string region, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the next watch and its incident change (with its notice, into the outbox) exactly as decided, in one
    /// transaction, conditional on the watch still being <paramref name="previous"/>. False when another writer moved
    /// it first: nothing was written.
    /// </summary>
    Task<bool> CommitAsync(RegionWatch? previous, RegionWatchDecision decision, CancellationToken cancellationToken);
}
