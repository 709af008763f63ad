using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Shutdown;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Outbox;

/// <summary>
/// Delivers notices the committing worker could not (a sink down, worker killed after the commit), each only to the
/// sinks still lacking it. Each notice is claimed with a conditional write first, so only one worker sends it at a
/// time; a failure pushes its next attempt back exponentially. One incident's notices are retried together, in notice
/// order, so a sink gets its open before its resolve. A notice keeps its incident id across attempts: the SOC may see
/// one twice (a worker stopped between a sink's acceptance and its record), never two incidents.
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

    /// <summary>
    /// One pass over the outbox: for every incident with a due notice, its pending notices are claimed, delivered,
    /// then cleared or postponed, in notice order.
    /// </summary>
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

        foreach (var incident in pending.GroupBy(p => p.Notice.IncidentId, StringComparer.Ordinal))
        {
            var now = time.GetUtcNow();
            if (!incident.Any(n => Due(n) <= now))
            {
                continue;
            }

            try
            {
                await RetryAsync(incident.ToList(), now, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Retrying the notices of {IncidentId} failed: {Error}", incident.Key, e.Message);
            }
        }
    }

    /// <summary>When a notice may be retried: a fresh one is left to its committing worker for the grace period.</summary>
    private DateTimeOffset Due(PendingNotice notice) => notice.Attempts == 0 ? notice.NotBefore + _options.Grace : notice.NotBefore;

    /// <summary>
    /// An incident's pending notices, in notice order. Once one is due the others are brought forward with it, except a
    /// fresh one still in its grace period (its committing worker may be sending it); a notice this worker does not
    /// hold keeps the later ones from the sinks it has not reached.
    /// </summary>
    private async Task RetryAsync(IReadOnlyList<PendingNotice> incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var notice in incident)
        {
            var fresh = notice.Attempts == 0 && Due(notice) > now;
            if (fresh || await outbox.TryClaimAsync(notice, now + _options.ClaimFor, cancellationToken) is not { } claimed)
            {
                held.UnionWith(notifier.Lacking(notice));
                continue;
            }

            // Deliveries from here count as retries in driftwatch_notices_retried_total.
            using var retrying = WorkerMetrics.OutboxRetry();
            var lacking = await notifier.DeliverAsync(claimed, held, cancellationToken);
            held.UnionWith(lacking);
            if (lacking.Count == 0)
            {
                await notifier.MarkDeliveredAsync(claimed.Notice, cancellationToken);
                logger.LogInformation("Delivered {NoticeType} {IncidentId} from the outbox ({Attempts} earlier failures)",
                    claimed.Notice.Type, claimed.Notice.IncidentId, claimed.Attempts);
                continue;
            }

            var wait = _options.BackoffAfter(claimed.Attempts + 1);
            await outbox.PostponeAsync(claimed, time.GetUtcNow() + wait, cancellationToken);
            logger.LogWarning("{NoticeType} {IncidentId} still lacks {Sinks} after {Attempts} retries; next attempt in {Seconds} s",
                claimed.Notice.Type, claimed.Notice.IncidentId, string.Join(", ", lacking.Order(StringComparer.Ordinal)), claimed.Attempts + 1, (int)wait.TotalSeconds);
        }
    }
}
