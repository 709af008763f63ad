using DriftWatch.Worker.Sweep;

namespace DriftWatch.Worker.Tests.Sweep;

/// <summary>The default sweep interval follows the sweep time, between the floor and the default; a set one is kept.</summary>
public sealed class SweepCadenceTests
{
    private static readonly TimeSpan Default = SweepCadence.DefaultInterval;

    [Fact]
    public void AFewAccountsAreSweptAtTheFloor()
    {
        Assert.Equal(SweepCadence.Floor, SweepCadence.Interval(Default, TimeSpan.FromMilliseconds(400)));
    }

    [Fact]
    public void ALongerSweepWaitsSoItKeepsTheWorkerBusyAtMostHalfTheTime()
    {
        Assert.Equal(TimeSpan.FromSeconds(70), SweepCadence.Interval(Default, TimeSpan.FromSeconds(35)));
    }

    [Fact]
    public void TheDefaultIsTheLongestEverWaited()
    {
        Assert.Equal(Default, SweepCadence.Interval(Default, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("00:00:02")]
    [InlineData("01:00:00")]
    public void AnIntervalSetExplicitlyIsKeptAsSet(string configured)
    {
        var interval = TimeSpan.Parse(configured, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(interval, SweepCadence.Interval(interval, TimeSpan.FromSeconds(35)));
    }

    [Fact]
    public void TheBusiestAccountSweptAtTheFloorStaysWithinItsShareOfTheCloudTrailBudget()
    {
        var interval = SweepCadence.Interval(Default, TimeSpan.Zero);

        var callsPerSecond = SweepCadence.MaxCallsPerAccountRegion / interval.TotalSeconds;

        Assert.True(callsPerSecond <= SweepCadence.BudgetShare * SweepCadence.CallsPerSecond, $"{callsPerSecond} calls/s");
    }

    [Fact]
    public void TheWaitAfterASweepIsTheIntervalLessTheSweep()
    {
        var sweep = new SweepResult(["111111111111"], 0, 0, TimeSpan.FromSeconds(35));

        Assert.Equal(TimeSpan.FromSeconds(35), SweepCadence.WaitAfter(Default, sweep));
    }

    [Fact]
    public void ASweepLongerThanASetIntervalIsFollowedAtOnce()
    {
        var sweep = new SweepResult(["111111111111"], 0, 0, TimeSpan.FromSeconds(5));

        Assert.True(SweepCadence.WaitAfter(TimeSpan.FromSeconds(2), sweep) <= TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData(55, 110)]
    [InlineData(10, 30)]
    [InlineData(1, 30)]
    public void WorstCaseDetectionAtTheDefaultIsOneIntervalWhileSweepsKeepTheirPace(int sweepSeconds, int detectionSeconds)
    {
        var sweep = TimeSpan.FromSeconds(sweepSeconds);

        var detection = SweepCadence.WorstCaseDetection(SweepCadence.Interval(Default, sweep), sweep, sweep);

        Assert.Equal(TimeSpan.FromSeconds(detectionSeconds), detection);
    }

    [Fact]
    public void ASweepSlowerThanTheOneBeforeAddsTheTimeItLostToTheWorstCase()
    {
        var previous = TimeSpan.FromSeconds(40);

        var detection = SweepCadence.WorstCaseDetection(SweepCadence.Interval(Default, previous), previous, TimeSpan.FromSeconds(50));

        Assert.Equal(TimeSpan.FromSeconds(90), detection);
    }

    [Fact]
    public void ASweepLongerThanItsIntervalIsFollowedBackToBackAndBoundsTheWorstCaseItself()
    {
        var sweep = TimeSpan.FromSeconds(5);

        Assert.Equal(sweep, SweepCadence.WorstCaseDetection(TimeSpan.FromSeconds(2), sweep, sweep));
    }
}
