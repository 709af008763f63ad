using DriftWatch.Core.Monitoring;
using DriftWatch.Records;

namespace DriftWatch.Worker.Health;

/// <summary>The state store as it is, telling <see cref="WorkerHealth"/> whether DynamoDB answered each call.</summary>
internal sealed class ObservedStateStore(IStateStore inner, WorkerHealth health) : IStateStore
{
    /// <inheritdoc />
    public Task<AccountState?> GetAsync(string accountId, CancellationToken cancellationToken) =>
        health.ObserveTablesAsync(() => inner.GetAsync(accountId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<bool> CommitAsync(AccountState? previous, StateDecision decision, CancellationToken cancellationToken) =>
        health.ObserveTablesAsync(() => inner.CommitAsync(previous, decision, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken) =>
        health.ObserveTablesAsync(() => inner.ListAccountsAsync(cancellationToken), cancellationToken);
}
