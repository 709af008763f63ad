using DriftWatch.Core.Monitoring;

namespace DriftWatch.Core.Tests.Monitoring;

/// <summary>The one persisted backoff (queue messages returned for later, outbox notices), as a table.</summary>
public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(5, 300, 0, 5)]
    [InlineData(5, 300, 1, 5)]
    [InlineData(5, 300, 2, 10)]
    [InlineData(5, 300, 3, 20)]
    [InlineData(5, 300, 6, 160)]
    [InlineData(5, 300, 7, 300)]
    [InlineData(5, 300, 1000, 300)]
    [InlineData(5, 300, int.MaxValue, 300)]
    [InlineData(10, 10, 4, 10)]
    [InlineData(1, 43200, 40, 43200)]
    [InlineData(20, 5, 1, 5)]
    public void WaitsTheFirstDelayThenDoublesItUpToTheCap(int firstSeconds, int capSeconds, int failures, int expectedSeconds)
    {
        var wait = RetrySchedule.Exponential(TimeSpan.FromSeconds(firstSeconds), TimeSpan.FromSeconds(capSeconds), failures);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);
    }

    [Fact]
    public void KeepsSubSecondDelaysExact()
    {
        var waits = Enumerable.Range(1, 5).Select(n => RetrySchedule.Exponential(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), n));

        Assert.Equal([200, 400, 800, 1000, 1000], waits.Select(w => w.TotalMilliseconds));
    }
}
