using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>
/// The read side for reports over a window: bounded in memory whatever the history holds, because transitions come
/// one page at a time, per account, only from the window asked for.
/// </summary>
public interface IReportRecords
{
    /// <summary>Every account with a recorded state and its status now, ordered by account id.</summary>
    Task<IReadOnlyList<RecordedAccount>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>The account's last transition detected before <paramref name="before"/>: the state a window starts in. Null when none.</summary>
    Task<Transition?> LastTransitionBeforeAsync(string accountId, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>The account's transitions detected in [from, until), oldest first, read page by page as they are enumerated.</summary>
    IAsyncEnumerable<Transition> ReadTransitionsAsync(string accountId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}
