using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Shutdown;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Outbox;

/// <summary>
/// Delivers notices the committing worker could not (webhook down, worker killed after the commit). Each notice is
/// claimed with a conditional write first, so only one worker sends it at a time; a failure pushes its next attempt
/// back exponentially. A notice keeps its incident id across attempts: the SOC may see one twice, never two incidents.
/// </summary>
public sealed class NoticeRetrier(
    INoticeOutbox outbox,
    IncidentNotifier notifier,
    IOptions<OutboxOptions> options,
    ShutdownDrain drain,
    TimeProvider time,
    ILogger<NoticeRetrier> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;
    private int _failedPolls;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RetryDueAsync(drain.Token);
        }
    }

    /// <summary>One pass over the outbox: every due notice is claimed, delivered, then cleared or postponed.</summary>
    public async Task RetryDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingNotice> pending;
        try
        {
            pending = await outbox.ListPendingAsync(cancellationToken);
            _failedPolls = 0;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The table is unreachable (AWS down): the notices are safe there; look again next tick.
            if (_failedPolls++ % 10 == 0)
            {
                logger.LogWarning("Could not read the notice outbox: {Error}", e.Message);
            }

            return;
        }

        foreach (var notice in pending)
        {
            var now = time.GetUtcNow();
            var due = notice.Attempts == 0 ? notice.NotBefore + _options.Grace : notice.NotBefore;
            if (due > now)
            {
                continue;
            }

            try
            {
                await RetryAsync(notice, now, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Retrying {NoticeType} {IncidentId} failed: {Error}", notice.Notice.Type, notice.Notice.IncidentId, e.Message);
            }
        }
    }

    private async Task RetryAsync(PendingNotice notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + _options.ClaimFor;
        if (await outbox.TryClaimAsync(notice, until, cancellationToken) is not { } claimed)
        {
            return;
        }

        using var retrying = WorkerMetrics.OutboxRetry();
        if (await notifier.DeliverAsync(notice.Notice, cancellationToken) == 0)
        {
            await notifier.MarkDeliveredAsync(notice.Notice, cancellationToken);
            logger.LogInformation("Delivered {NoticeType} {IncidentId} from the outbox ({Attempts} earlier failures)",
                notice.Notice.Type, notice.Notice.IncidentId, notice.Attempts);
            return;
        }

        var wait = _options.BackoffAfter(notice.Attempts + 1);
        await outbox.PostponeAsync(claimed, time.GetUtcNow() + wait, cancellationToken);
        logger.LogWarning("{NoticeType} {IncidentId} still undelivered after {Attempts} retries; next attempt in {Seconds} s",
            notice.Notice.Type, notice.Notice.IncidentId, notice.Attempts + 1, (int)wait.TotalSeconds);
    }
}
