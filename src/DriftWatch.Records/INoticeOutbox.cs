namespace DriftWatch.Records;

/// <summary>
/// Notices waiting for the SOC. They are written with the state change they announce (one transaction), so a crash
/// or a sink outage between commit and delivery leaves them here, never lost; any worker may deliver them later. The
/// outbox keeps, per notice, which sinks took it, so a retry goes only to the sinks still lacking it.
/// </summary>
public interface INoticeOutbox
{
    /// <summary>Every notice not yet taken by every enabled sink; one incident's notices together, in notice order.</summary>
    Task<IReadOnlyList<PendingNotice>> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>One incident's pending notices, in notice order (a strongly consistent read).</summary>
    Task<IReadOnlyList<PendingNotice>> ListPendingAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a pending notice until <paramref name="until"/> and returns it as claimed, with the sinks that took it as
    /// stored now; null when another worker took or delivered it first.
    /// </summary>
    Task<PendingNotice?> TryClaimAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Records one more failed delivery and when to try again.</summary>
    Task PostponeAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Records that the sink named <paramref name="sink"/> took the notice (idempotent).</summary>
    Task RecordTakenAsync(string incidentId, string noticeType, string sink, CancellationToken cancellationToken);

    /// <summary>Clears a notice every enabled sink has (idempotent).</summary>
    Task MarkDeliveredAsync(string incidentId, string noticeType, DateTimeOffset at, CancellationToken cancellationToken);
}
