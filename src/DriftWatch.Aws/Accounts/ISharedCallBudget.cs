namespace DriftWatch.Aws.Accounts;

/// <summary>
/// A call budget held across every worker (DriftWatch:Accounts:SharedCloudTrailBudget): one count per account, region
/// and second, kept where all workers see it. <see cref="CloudTrailRateLimiter"/> asks it after its own per-process
/// window grants a call.
/// </summary>
public interface ISharedCallBudget
{
    /// <summary>
    /// Takes one call of the (account, region) budget for the second <paramref name="now"/> falls in: zero when taken,
    /// else how long until the next second, when the caller should ask again.
    /// </summary>
    ValueTask<TimeSpan> TryTakeAsync(string accountId, string region, DateTimeOffset now, int perSecond, CancellationToken cancellationToken);
}
