using DriftWatch.Core.Reporting;
using DriftWatch.Core.Waivers;
using DriftWatch.Records;

namespace DriftWatch.Cli.Report;

/// <summary>
/// Builds a report from DriftWatch's records: the accounts and their status now from the state table, then per
/// account the transition before the window and the window's transitions, page by page, straight into Core's
/// timeline. Memory holds one page per account being read and each account's result, never the history itself.
/// </summary>
internal sealed class CoverageReader(IReportRecords records)
{
    // Accounts read at once: a window of 1,000 accounts is 2,000 small queries or more.
    private const int Concurrency = 8;

    /// <summary>The report over the window; null when <paramref name="account"/> is not in the records.</summary>
    public async Task<CoverageReport?> ReadAsync(
        string? account,
        ReportWindow window,
        DateTimeOffset now,
        IReadOnlyList<Waiver> waivers,
        CancellationToken cancellationToken)
    {
        var recorded = await records.ListAccountsAsync(cancellationToken);
        var chosen = account is null ? recorded : recorded.Where(a => a.AccountId == account).ToList();
        if (account is not null && chosen.Count == 0)
        {
            return null;
        }

        var accounts = new AccountCoverage[chosen.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chosen.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (accountId, status) = (chosen[i].AccountId, chosen[i].Status);
                var timeline = new CoverageTimeline(accountId, window, now, await records.LastTransitionBeforeAsync(accountId, window.Since, ct));
                await foreach (var transition in records.ReadTransitionsAsync(accountId, window.Since, window.Until, ct))
                {
                    timeline.Add(transition);
                }

                accounts[i] = timeline.Finish(status, waivers);
            });
        return new CoverageReport(now, window, accounts);
    }
}
