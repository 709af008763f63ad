using System.Collections.Concurrent;
using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// The last destination read of each trail, per (evaluated account, trail ARN), with when it was read. A read of a
/// bucket, prefix or key the trail no longer names is no answer for it. In process only: a restarted worker reads
/// each destination again before it reuses anything, so it never assumes a destination it has not seen.
/// </summary>
public sealed class DestinationCache
{
    private readonly ConcurrentDictionary<(string Account, string TrailArn), (TrailDestination Read, DateTimeOffset ReadAt)> _reads = new();

    /// <summary>The last read of the trail's current destination, or null.</summary>
    public (TrailDestination Read, DateTimeOffset ReadAt)? Get(string accountId, TrailInfo trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return _reads.TryGetValue((accountId, trail.Arn), out var entry) && entry.Read.Describes(trail) ? entry : null;
    }

    /// <summary>Keeps a read.</summary>
    public void Put(string accountId, TrailInfo trail, TrailDestination read, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(trail);
        _reads[(accountId, trail.Arn)] = (read, readAt);
    }
}
