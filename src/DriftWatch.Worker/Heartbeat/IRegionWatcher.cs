using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Heartbeat;

/// <summary>Where what the worker learns about a region goes (<see cref="RegionWatcher"/>).</summary>
public interface IRegionWatcher
{
    /// <summary>Applies the observation to the region's watch; returns the decision committed.</summary>
    Task<RegionWatchDecision> ObserveAsync(string accountId, string region, RegionObservation observation, CancellationToken cancellationToken);
}
