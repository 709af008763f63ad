using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Heartbeat;

/// <summary>
/// Folds what the worker learns about a region (a heartbeat's arrival or absence, a forwarder check) into its watch:
/// read, decide (<see cref="RegionWatchDecider"/>), commit conditionally, and tell the SOC through the same outbox and
/// notifier as every incident. A commit that loses to another worker is decided again from a fresh read.
/// </summary>
public sealed class RegionWatcher(
    IMonitorStore store,
    IncidentNotifier notifier,
    IOptions<HeartbeatOptions> heartbeat,
    TimeProvider time,
    ILogger<RegionWatcher> logger) : IRegionWatcher
{
    private const int Attempts = 4;

    /// <inheritdoc />
    public async Task<RegionWatchDecision> ObserveAsync(string accountId, string region, RegionObservation observation, CancellationToken cancellationToken)
    {
        var timeout = heartbeat.Value.Enabled ? heartbeat.Value.EffectiveTimeout : (TimeSpan?)null;
        for (var attempt = 1; ; attempt++)
        {
            var previous = await store.GetAsync(accountId, region, cancellationToken);
            var decision = RegionWatchDecider.Decide(previous, accountId, region, observation, time.GetUtcNow(), timeout);
            if (await store.CommitAsync(previous, decision, cancellationToken))
            {
                if (decision.Change is { } change)
                {
                    logger.LogWarning(
                        "Monitoring incident {IncidentId} {Action} for account {AccountId} in {Region}: {Reasons}",
                        change.IncidentId, change.Action == IncidentAction.Open ? "opened" : "resolved", accountId, region, string.Join("; ", change.Notice.Reasons));
                    await notifier.NotifyAsync(change.Notice, cancellationToken);
                }

                return decision;
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"the watch of account {accountId} in {region} kept moving over {Attempts} attempts");
            }
        }
    }
}
