using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Sinks;

/// <summary>
/// Hands a notice to every enabled sink at once, so a sink that is slow or down delays none of the others, and records
/// in the outbox each sink that took it, as it takes it. The notice was written to the outbox (the incidents table)
/// with the state change and is cleared once every enabled sink has it; until then the worker's notice retrier hands
/// it, under the same id, only to the sinks still lacking it, so each sink gets each notice once. One incident's
/// notices reach a sink in notice order (its open, then its resolve): a later notice waits in the outbox for a sink
/// that has not taken an earlier one yet, and an earlier notice still pending for a sink that already took a later
/// one is superseded there, never sent after it. A notice nothing can be ahead of (one that starts its outbox row, or
/// the resolve of an incident whose opening this process saw every sink take: <see cref="SettledIncidents"/>) goes
/// out without reading its incident back first.
/// </summary>
public sealed class IncidentNotifier(
    IEnumerable<IIncidentSink> sinks,
    INoticeOutbox outbox,
    TimeProvider time,
    ILogger<IncidentNotifier> logger)
{
    private readonly IReadOnlyList<IIncidentSink> _enabled = EnabledOf(sinks);
    private readonly SettledIncidents _settled = new();

    /// <summary>
    /// Delivers a notice just committed to every enabled sink that may have it now and, once all have it, clears it
    /// from the outbox; returns how many sinks still lack it (the retrier delivers to them).
    /// </summary>
    public async Task<int> NotifyAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingNotice> incident;
        if (SettledIncidents.StartsItsRow(notice) || _settled.OpeningDelivered(notice.IncidentId))
        {
            // Nothing can be ahead of it, and it was written a moment ago: the read would only say so.
            incident = [PendingNotice.JustCommitted(notice)];
        }
        else
        {
            try
            {
                // The incident's notices as stored: which sinks took the earlier ones decides which may have this one now.
                incident = await outbox.ListPendingAsync(notice.IncidentId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not read incident {IncidentId} from the outbox ({Error}); {NoticeType} stays in the outbox, it will be retried with backoff",
                    notice.IncidentId, e.Message, notice.Type);
                return _enabled.Count;
            }
        }

        var index = incident.ToList().FindIndex(p => p.Notice.Type == notice.Type);
        if (index < 0)
        {
            // Not pending any more: another worker's retrier already delivered it to every sink.
            return 0;
        }

        var held = incident.Take(index).SelectMany(Lacking).ToHashSet(StringComparer.Ordinal);
        var lacking = await DeliverAsync(incident[index], held, cancellationToken);
        if (lacking.Count == 0)
        {
            _settled.Delivered(notice);
            await MarkDeliveredAsync(notice, cancellationToken);
        }
        else
        {
            logger.LogWarning("{NoticeType} {IncidentId} stays in the outbox for {Sinks}; it will be retried with backoff",
                notice.Type, notice.IncidentId, string.Join(", ", lacking.Order(StringComparer.Ordinal)));
        }

        return lacking.Count;
    }

    /// <summary>The enabled sinks a pending notice has not reached: it was neither taken nor superseded there.</summary>
    internal IReadOnlySet<string> Lacking(PendingNotice pending) =>
        _enabled.Select(s => s.Name).Where(n => !pending.TakenBy.Contains(n) && !pending.SupersededFor.Contains(n)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Hands a pending notice, at once, to every enabled sink that lacks it, except the sinks <paramref name="held"/>
    /// back (an earlier notice of the incident has not reached them yet); records each sink that takes it. Returns the
    /// sinks still lacking it. Leaves the pending marker alone.
    /// </summary>
    internal async Task<IReadOnlySet<string>> DeliverAsync(PendingNotice pending, IReadOnlySet<string> held, CancellationToken cancellationToken)
    {
        var notice = pending.Notice;
        foreach (var name in pending.SupersededFor.Where(n => !pending.TakenBy.Contains(n) && _enabled.Any(s => s.Name == n)))
        {
            logger.LogInformation("Sink {Sink} already took a later notice of {IncidentId}: {NoticeType} is superseded there and not sent",
                name, notice.IncidentId, notice.Type);
        }

        var lacking = Lacking(pending);
        var due = _enabled.Where(s => lacking.Contains(s.Name)).ToList();
        using var recording = new SemaphoreSlim(1, 1);
        var taken = await Task.WhenAll(due.Select(async sink =>
        {
            if (held.Contains(sink.Name))
            {
                logger.LogInformation("Sink {Sink} has not taken an earlier notice of {IncidentId} yet: {NoticeType} waits in the outbox to follow it",
                    sink.Name, notice.IncidentId, notice.Type);
                return false;
            }

            return await DeliverToAsync(sink, notice, recording, cancellationToken);
        }));
        return due.Where((_, i) => !taken[i]).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Clears a notice every enabled sink has; a failure only means a later retry finds it taken everywhere.</summary>
    internal async Task MarkDeliveredAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.MarkDeliveredAsync(notice.IncidentId, notice.Type, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not clear delivered {NoticeType} {IncidentId} from the outbox ({Error}); it stays there, already taken by every sink",
                notice.Type, notice.IncidentId, e.Message);
        }
    }

    private static IReadOnlyList<IIncidentSink> EnabledOf(IEnumerable<IIncidentSink> sinks)
    {
        var all = sinks.ToList();
        if (all.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Two incident sinks are named {twice.Key}: the outbox tells sinks apart by name.");
        }

        return all.Where(s => s.Enabled).ToList();
    }

    /// <summary>One sink's delivery; when it takes the notice, records so in the outbox (one write at a time per notice).</summary>
    private async Task<bool> DeliverToAsync(IIncidentSink sink, IncidentNotice notice, SemaphoreSlim recording, CancellationToken cancellationToken)
    {
        SinkResult result;
        try
        {
            result = await sink.DeliverAsync(notice, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A sink is to answer with a result; one that throws anyway must still not stop the others. Its type, not
            // its message, which may name a URL.
            result = SinkResult.Refused($"it threw {e.GetType().Name}");
        }

        if (!result.Delivered)
        {
            logger.LogError("Sink {Sink} could not deliver {NoticeType} {IncidentId}: {Failure}", sink.Name, notice.Type, notice.IncidentId, result.Failure);
            return false;
        }

        await recording.WaitAsync(cancellationToken);
        try
        {
            await outbox.RecordTakenAsync(notice.IncidentId, notice.Type, sink.Name, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not record that {Sink} took {NoticeType} {IncidentId} ({Error}); a retry may send it there again, under the same id",
                sink.Name, notice.Type, notice.IncidentId, e.Message);
        }
        finally
        {
            recording.Release();
        }

        return true;
    }
}
