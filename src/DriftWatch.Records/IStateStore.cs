using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>The write side: an account's current state, and one atomic commit of what an evaluation decided.</summary>
public interface IStateStore
{
    /// <summary>The account's last recorded state, or null when it was never evaluated.</summary>
    Task<AccountState?> GetAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the new state, its transition and incident change (with its notice, into the outbox) exactly as decided,
    /// in one transaction, conditional on the state still being <paramref name="previous"/>. False when another writer
    /// moved the state first: nothing was written.
    /// </summary>
    Task<bool> CommitAsync(AccountState? previous, StateDecision decision, CancellationToken cancellationToken);

    /// <summary>Every account that has a state: the sweep's memory of where to look.</summary>
    Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken);
}
