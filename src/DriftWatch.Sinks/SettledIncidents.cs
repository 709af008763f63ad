using System.Collections.Concurrent;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Sinks;

/// <summary>
/// The incidents whose opening this process saw every enabled sink take. An incident's notices only ever move forward
/// in the outbox (a sink that took a notice never loses it; a cleared notice never becomes pending again), so for these
/// incidents nothing can be ahead of their resolve: the notifier hands it over without reading the incident back first,
/// one DynamoDB read less on the path from a restored trail to the SOC. What is not here is read, as before.
/// </summary>
internal sealed class SettledIncidents
{
    /// <summary>
    /// Open incidents remembered at most: beyond it the set starts again empty, which only costs reads. 4,096 open
    /// incidents is four per account at 1,000 accounts, every kind open at once.
    /// </summary>
    internal const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, byte> _opened = new(StringComparer.Ordinal);

    /// <summary>Whether the opening of <paramref name="incidentId"/> reached every enabled sink, as this process saw.</summary>
    public bool OpeningDelivered(string incidentId) => _opened.ContainsKey(incidentId);

    /// <summary>Remembers what a notice every enabled sink took says about its incident.</summary>
    public void Delivered(IncidentNotice notice)
    {
        if (notice.Type == IncidentNotice.Opened)
        {
            if (_opened.Count >= Capacity)
            {
                _opened.Clear();
            }

            _opened.TryAdd(notice.IncidentId, 0);
        }
        else if (notice.Type == IncidentNotice.Resolved)
        {
            // Resolved: no notice of it follows.
            _opened.TryRemove(notice.IncidentId, out _);
        }
    }

    /// <summary>
    /// A notice that starts its outbox row (an opening, a blind warning, a denied attempt) has nothing ahead of it, and
    /// just committed, no sink has taken it.
    /// </summary>
    public static bool StartsItsRow(IncidentNotice notice) =>
        notice.Type is IncidentNotice.Opened or IncidentNotice.Blind or IncidentNotice.AttemptDenied;
}
