using DriftWatch.Records;
using DriftWatch.Worker.Telemetry;

namespace DriftWatch.Worker.Health;

/// <summary>
/// The notice outbox as it is, telling <see cref="WorkerHealth"/> whether DynamoDB answered each call, and the metrics
/// how many notices wait at each poll (the retrier polls every DriftWatch:Incidents:Outbox:PollInterval).
/// </summary>
internal sealed class ObservedNoticeOutbox(INoticeOutbox inner, WorkerHealth health, WorkerMetrics metrics) : INoticeOutbox
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingNotice>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await health.ObserveTablesAsync(() => inner.ListPendingAsync(cancellationToken), cancellationToken);
        metrics.OutboxDepthIs(pending.Count);
        return pending;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingNotice>> ListPendingAsync(string incidentId, CancellationToken cancellationToken) =>
        health.ObserveTablesAsync(() => inner.ListPendingAsync(incidentId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<PendingNotice?> TryClaimAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) =>
        health.ObserveTablesAsync(() => inner.TryClaimAsync(pending, until, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task PostponeAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) =>
        health.ObserveTablesAsync(() => inner.PostponeAsync(pending, until, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task RecordTakenAsync(string incidentId, string noticeType, string sink, CancellationToken cancellationToken) =>
        health.ObserveTablesAsync(() => inner.RecordTakenAsync(incidentId, noticeType, sink, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task MarkDeliveredAsync(string incidentId, string noticeType, DateTimeOffset at, CancellationToken cancellationToken) =>
        health.ObserveTablesAsync(() => inner.MarkDeliveredAsync(incidentId, noticeType, at, cancellationToken), cancellationToken);
}
