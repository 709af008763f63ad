namespace DriftWatch.Records;

/// <summary>
/// Notices waiting for the SOC. They are written with the state change they announce (one transaction), so a crash
/// or a webhook outage between commit and delivery leaves them here, never lost; any worker may deliver them later.
/// </summary>
public interface INoticeOutbox
{
    /// <summary>Every notice not yet delivered to all sinks.</summary>
    Task<IReadOnlyList<PendingNotice>> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes a pending notice until <paramref name="until"/> and returns it as claimed; null when another worker took or
    /// delivered it first.
    /// </summary>
    Task<PendingNotice?> TryClaimAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Records one more failed delivery and when to try again.</summary>
    Task PostponeAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Marks a notice delivered (idempotent).</summary>
    Task MarkDeliveredAsync(string incidentId, string noticeType, DateTimeOffset at, CancellationToken cancellationToken);
}
