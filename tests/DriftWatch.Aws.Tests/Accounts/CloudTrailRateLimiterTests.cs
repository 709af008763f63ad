using System.Diagnostics;
using DriftWatch.Aws.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace DriftWatch.Aws.Tests.Accounts;

public sealed class CloudTrailRateLimiterTests
{
    [Fact]
    public async Task LetsTheFirstTenCallsOfAnAccountAndRegionStartAtOnceAndNeverMoreThanTenInAnySecond()
    {
        // On a fake clock moved a millisecond at a time: each start is recorded at the time the limiter let it go, not
        // whenever a loaded machine got round to running the continuation (which made a real-clock version flaky).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var limiter = new CloudTrailRateLimiter(10, time);
        var origin = time.GetTimestamp();
        var starts = new TimeSpan?[25];
        var calls = Enumerable.Range(0, starts.Length).Select(async i =>
        {
            await limiter.WaitAsync("111111111111", "eu-west-1", CancellationToken.None);
            starts[i] = time.GetElapsedTime(origin);
        }).ToList();

        for (var ms = 0; ms < 5000 && !calls.All(c => c.IsCompleted); ms++)
        {
            await SettledAsync();
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await Task.WhenAll(calls);
        var sorted = starts.Select(s => s!.Value).Order().ToList();
        Assert.Equal(TimeSpan.Zero, sorted[9]);
        for (var i = 10; i < sorted.Count; i++)
        {
            // Call i and call i-10 are 11 starts: never within one second.
            Assert.True(sorted[i] - sorted[i - 10] >= TimeSpan.FromSeconds(1), $"calls {i - 10} and {i} only {sorted[i] - sorted[i - 10]} apart");
        }

        Assert.True(sorted[^1] <= TimeSpan.FromSeconds(2.1), $"the 25th call waited until {sorted[^1]}");
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

    // Lets the continuations a clock move released run before the clock moves on: the limiter continues on the thread
    // that completed its delay, inside Advance, so a few yields are plenty.
    private static async Task SettledAsync()
    {
        for (var spin = 0; spin < 3; spin++)
        {
            await Task.Yield();
        }
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
