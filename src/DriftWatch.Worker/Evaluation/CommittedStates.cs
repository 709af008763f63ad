using System.Collections.Concurrent;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Evaluation;

/// <summary>
/// The state this worker last committed per account: the next evaluation of the account starts from it instead of
/// reading it back from DynamoDB, which takes a read off every evaluation's critical path (and off the bill). It stays
/// safe with several workers because a commit is conditional on the version it starts from: when another worker moved
/// the state since, the commit is refused, the copy is dropped, and the retry reads the table. Bounded: past
/// <see cref="Capacity"/> accounts it starts over, and an account not held is simply read.
/// </summary>
public sealed class CommittedStates
{
    /// <summary>Accounts held at most (a few KB each).</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, AccountState> _states = new(StringComparer.Ordinal);

    /// <summary>The state this worker committed last for the account, if it holds one.</summary>
    public AccountState? Get(string accountId) => _states.TryGetValue(accountId, out var state) ? state : null;

    /// <summary>Holds the state just committed.</summary>
    public void Committed(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_states.Count >= Capacity && !_states.ContainsKey(state.AccountId))
        {
            _states.Clear();
        }

        _states[state.AccountId] = state;
    }

    /// <summary>Drops the account's copy: a commit was refused, so what the table holds is newer.</summary>
    public void Forget(string accountId) => _states.TryRemove(accountId, out _);
}
