namespace DriftWatch.Aws.Tests.Support;

/// <summary>A clock stopped at one instant; timers and timestamps still run on the system's.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
