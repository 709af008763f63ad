using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Worker.Heartbeat;
using DriftWatch.Worker.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Worker.Consumers;

/// <summary>
/// Records a heartbeat's arrival in its region's watch, when it carries the token of the account's heartbeat lease
/// (this round's or the last one's); anything else is refused. A heartbeat never reads trails.
/// </summary>
public sealed class HeartbeatConsumer(IWorkLeases leases, IRegionWatcher watcher, ILogger<HeartbeatConsumer> logger) : IConsumer<HeartbeatObserved>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HeartbeatObserved> context)
    {
        var beat = context.Message.Heartbeat;
        var lease = await leases.GetAsync(HeartbeatSender.LeaseName(beat.AccountId), context.CancellationToken);
        if (lease is null || (beat.Id != lease.Token && beat.Id != lease.PreviousToken))
        {
            logger.LogWarning("Refused a heartbeat for account {AccountId} in {Region}: its token is not one DriftWatch issued", beat.AccountId, beat.Region);
            await context.RespondAsync(new HeartbeatRecorded(false));
            return;
        }

        await watcher.ObserveAsync(beat.AccountId, beat.Region, new RegionObservation.HeartbeatArrived(beat.SentAt), context.CancellationToken);
        await context.RespondAsync(new HeartbeatRecorded(true));
    }
}
