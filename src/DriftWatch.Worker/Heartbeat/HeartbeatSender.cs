using DriftWatch.Aws;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Records;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Heartbeat;

/// <summary>
/// One heartbeat round for an account, by whichever worker takes its heartbeat lease: each watched region is first
/// checked for an overdue heartbeat (which opens its monitoring incident), then sent a fresh one on its default bus,
/// as the account, carrying the lease's token.
/// </summary>
public sealed class HeartbeatSender(
    IEventBridgeClient eventBridge,
    IWorkLeases leases,
    IRegionWatcher watcher,
    IOptions<HeartbeatOptions> heartbeat,
    IOptions<RegionsOptions> watched,
    TimeProvider time,
    ILogger<HeartbeatSender> logger)
{
    private const int RegionsAtOnce = 4;

    /// <summary>The lease of an account's heartbeats.</summary>
    public static string LeaseName(string accountId) => $"heartbeat#{accountId}";

    /// <summary>Sends the account's heartbeats if this worker takes the round; returns how many were put on a bus.</summary>
    public async Task<int> SendAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = await leases.TryTakeAsync(LeaseName(accountId), now, now + LeasePeriod(heartbeat.Value.Interval), heldToken: null, cancellationToken);
        if (lease is null)
        {
            return 0;
        }

        var sent = 0;
        await Parallel.ForEachAsync(
            watched.Value.Watched,
            new ParallelOptions { MaxDegreeOfParallelism = RegionsAtOnce, CancellationToken = cancellationToken },
            async (region, ct) =>
            {
                if (await SendOneAsync(accountId, region, lease.Token, ct))
                {
                    Interlocked.Increment(ref sent);
                }
            });
        return sent;
    }

    private async Task<bool> SendOneAsync(string accountId, string region, string token, CancellationToken cancellationToken)
    {
        await watcher.ObserveAsync(accountId, region, new RegionObservation.Due(), cancellationToken);
        var beat = new HeartbeatEvent(accountId, region, time.GetUtcNow(), token);
        try
        {
            var result = await eventBridge.PutEventsAsync(accountId, region, [beat.ToEntry()], cancellationToken);
            if (result.FailedEntryCount == 0)
            {
                logger.LogDebug("Heartbeat sent to account {AccountId} in {Region}", accountId, region);
                return true;
            }
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // Not sent is not blind: the timeout decides that, from what arrives.
            logger.LogWarning("Could not send the heartbeat of account {AccountId} in {Region}: {Error}", accountId, region, InertText.Of(e.Message));
        }

        return false;
    }

    /// <summary>
    /// A lease is due again a little before the next round, so the worker that sent this round takes the next one
    /// despite its timer firing late; another worker's round in between finds it not yet due.
    /// </summary>
    public static TimeSpan LeasePeriod(TimeSpan interval) => interval - TimeSpan.FromTicks(Math.Min(interval.Ticks / 10, TimeSpan.FromSeconds(30).Ticks));
}
