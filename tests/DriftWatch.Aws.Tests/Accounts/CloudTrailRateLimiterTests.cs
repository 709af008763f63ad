using System.Diagnostics;
using DriftWatch.Aws.Accounts;

namespace DriftWatch.Aws.Tests.Accounts;

public sealed class CloudTrailRateLimiterTests
{
    [Fact]
    public async Task LetsTheFirstTenCallsOfAnAccountAndRegionStartAtOnceAndNeverMoreThanTenInAnySecond()
    {
        var limiter = new CloudTrailRateLimiter(10, TimeProvider.System);
        var clock = Stopwatch.StartNew();

        var starts = await Task.WhenAll(Enumerable.Range(0, 25).Select(async _ =>
        {
            await limiter.WaitAsync("111111111111", "eu-west-1", CancellationToken.None);
            return clock.Elapsed;
        }));

        var sorted = starts.Order().ToList();
        Assert.True(sorted[9] < TimeSpan.FromMilliseconds(300), $"10th call started at {sorted[9]}");
        for (var i = 10; i < sorted.Count; i++)
        {
            // Call i and call i-10 are 11 starts: a full second apart however late a timer fires (measured after the
            // continuation runs, hence a few ms of slack; a reservation scheme failed this at 933 ms).
            Assert.True(sorted[i] - sorted[i - 10] >= TimeSpan.FromMilliseconds(980), $"calls {i - 10} and {i} only {sorted[i] - sorted[i - 10]} apart");
        }

        Assert.Equal(15, limiter.Waits);
    }

    [Fact]
    public async Task GivesEveryAccountAndRegionItsOwnBudget()
    {
        var limiter = new CloudTrailRateLimiter(10, TimeProvider.System);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(
            from account in new[] { "111111111111", "222222222222" }
            from region in new[] { "eu-west-1", "us-east-1" }
            from call in Enumerable.Range(0, 10)
            select limiter.WaitAsync(account, region, CancellationToken.None).AsTask());

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"40 calls over 4 budgets took {clock.Elapsed}");
        Assert.Equal(0, limiter.Waits);
    }

    [Fact]
    public async Task StopsWaitingWhenTheCallerCancels()
    {
        var limiter = new CloudTrailRateLimiter(1, TimeProvider.System);
        await limiter.WaitAsync("111111111111", "eu-west-1", CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync("111111111111", "eu-west-1", cancel.Token).AsTask());
    }
}
