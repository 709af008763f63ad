namespace DriftWatch.Core.Reporting;

/// <summary>
/// The report in four figures: how many accounts, how many were covered for the whole window, the worst one, and how
/// long coverage took to come back on average.
/// </summary>
/// <param name="Accounts">Accounts in the report.</param>
/// <param name="CoveredWholeWindow">Accounts passing for every counted moment of the window.</param>
/// <param name="CoveredWholeWindowPercent">Their share of all accounts; null for a report of none.</param>
/// <param name="Worst">The account with the lowest coverage (then the most failing time); null when none has any evidence.</param>
/// <param name="MeanTimeToRestore">
/// Mean in-window length of the gaps restored by a pass inside the window. A gap cut at the window's start counts
/// its part inside the window; open gaps, gaps cut at the window's end and gaps that ended in "could not evaluate"
/// have no known time to restore and are left out. Null when no gap was restored.
/// </param>
/// <param name="RestoredGaps">How many gaps the mean is over.</param>
public sealed record CoverageSummary(
    int Accounts,
    int CoveredWholeWindow,
    double? CoveredWholeWindowPercent,
    AccountCoverage? Worst,
    TimeSpan? MeanTimeToRestore,
    int RestoredGaps)
{
    /// <summary>Summarises the accounts of a report.</summary>
    public static CoverageSummary Of(IReadOnlyList<AccountCoverage> accounts)
    {
        var covered = accounts.Count(a => a.CoveredWholeWindow);
        var worst = accounts
            .Where(a => a.CoveragePercent is not null)
            .OrderBy(a => a.CoveragePercent)
            .ThenByDescending(a => a.Failing)
            .ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .FirstOrDefault();
        var restored = accounts.SelectMany(a => a.Gaps).Where(g => g.IsRestored).Select(g => g.Duration.Ticks).ToList();
        return new CoverageSummary(
            accounts.Count,
            covered,
            accounts.Count == 0 ? null : 100.0 * covered / accounts.Count,
            worst,
            restored.Count == 0 ? null : TimeSpan.FromTicks((long)restored.Average()),
            restored.Count);
    }
}
