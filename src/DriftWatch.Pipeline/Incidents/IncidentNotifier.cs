using Microsoft.Extensions.Logging;

namespace DriftWatch.Pipeline.Incidents;

/// <summary>
/// Hands a notice to every sink. A failing sink does not stop the others and does not undo the evaluation:
/// the incident is already in the incidents table, which is the system of record.
/// </summary>
public sealed class IncidentNotifier(IEnumerable<IIncidentSink> sinks, ILogger<IncidentNotifier> logger)
{
    /// <summary>Delivers to all sinks; returns how many failed.</summary>
    public async Task<int> NotifyAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var sink in sinks)
        {
            try
            {
                await sink.DeliverAsync(notice, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                logger.LogError("Sink {Sink} could not deliver {NoticeType} {IncidentId}: {Failure}; it stays in the incidents table",
                    sink.GetType().Name, notice.Type, notice.IncidentId, e.Message);
            }
        }

        return failed;
    }
}
