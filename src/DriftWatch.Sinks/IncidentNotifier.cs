using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Sinks;

/// <summary>
/// Hands a notice to every sink. A failing sink does not stop the others and does not undo the evaluation: the notice
/// was written to the outbox (the incidents table) with the state change, and stays there until every sink accepted
/// it; the worker's notice retrier delivers what is left, under the same stable id.
/// </summary>
public sealed class IncidentNotifier(
    IEnumerable<IIncidentSink> sinks,
    INoticeOutbox outbox,
    TimeProvider time,
    ILogger<IncidentNotifier> logger)
{
    /// <summary>Delivers to all sinks and, when all accepted, clears the notice from the outbox; returns how many failed.</summary>
    public async Task<int> NotifyAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        var failed = await DeliverAsync(notice, cancellationToken);
        if (failed == 0)
        {
            await MarkDeliveredAsync(notice, cancellationToken);
        }
        else
        {
            logger.LogWarning("{NoticeType} {IncidentId} stays in the outbox; it will be retried with backoff", notice.Type, notice.IncidentId);
        }

        return failed;
    }

    /// <summary>Delivers to all sinks without touching the outbox; returns how many failed.</summary>
    internal async Task<int> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var sink in sinks)
        {
            SinkResult result;
            try
            {
                result = await sink.DeliverAsync(notice, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A sink is to answer with a result; one that throws anyway must still not stop the others.
                result = SinkResult.Refused(e.Message);
            }

            if (!result.Delivered)
            {
                failed++;
                logger.LogError("Sink {Sink} could not deliver {NoticeType} {IncidentId}: {Failure}",
                    sink.GetType().Name, notice.Type, notice.IncidentId, result.Failure);
            }
        }

        return failed;
    }

    /// <summary>Clears a delivered notice; a failure only means a later (idempotent) redelivery.</summary>
    internal async Task MarkDeliveredAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.MarkDeliveredAsync(notice.IncidentId, notice.Type, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not clear delivered {NoticeType} {IncidentId} from the outbox ({Error}); it may be sent again under the same id",
                notice.Type, notice.IncidentId, e.Message);
        }
    }
}
