namespace DriftWatch.Aws.Destinations;

/// <summary>
/// How fresh the trails' destinations must be for one read of an account: a cached result younger than MaxAge is
/// reused, an older one (or none at all) is read again. The caller picks it from why it reads (event, sweep, check).
/// </summary>
public readonly record struct DestinationReads(TimeSpan MaxAge)
{
    /// <summary>Read every destination now (`check`, an S3 or KMS event).</summary>
    public static DestinationReads Fresh { get; } = new(TimeSpan.Zero);

    /// <summary>Reuse the last result whatever its age; read only a destination this process has not read yet (a CloudTrail event).</summary>
    public static DestinationReads Cached { get; } = new(TimeSpan.MaxValue);

    /// <summary>Read again what was read longer ago than <paramref name="maxAge"/> (the sweep, with its interval).</summary>
    public static DestinationReads OlderThan(TimeSpan maxAge) => new(maxAge);
}
