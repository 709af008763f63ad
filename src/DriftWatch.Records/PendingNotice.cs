using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>A notice some enabled sink may not have received yet: due once <see cref="NotBefore"/> has passed.</summary>
/// <param name="Notice">The notice exactly as it was decided and first sent (stored as JSON with the incident, never rebuilt).</param>
/// <param name="Marker">The stored "pending" value, which a claim must still find (optimistic lock).</param>
/// <param name="NotBefore">Earliest time a retrier may take it.</param>
/// <param name="Attempts">Failed deliveries so far.</param>
/// <param name="TakenBy">Names of the sinks that took it: a retry is not handed to them again.</param>
/// <param name="SupersededFor">
/// Names of the sinks that already took a later notice of the same incident (its resolve): for them this one is
/// stale, and is never sent after the later one.
/// </param>
public sealed record PendingNotice(
    IncidentNotice Notice,
    string Marker,
    DateTimeOffset NotBefore,
    int Attempts,
    IReadOnlySet<string> TakenBy,
    IReadOnlySet<string> SupersededFor)
{
    /// <summary>
    /// A notice as the commit that wrote it left it: no sink has taken it or a later one. Its marker is not known to
    /// the committing worker, so this copy serves delivery only; a retrier claims what it reads from the outbox.
    /// </summary>
    public static PendingNotice JustCommitted(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new(notice, string.Empty, notice.DetectedAt, 0, new HashSet<string>(), new HashSet<string>());
    }
}
