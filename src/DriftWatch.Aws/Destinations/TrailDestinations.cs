using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Trails;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// Adds destinations to an account snapshot, for the trails that would otherwise cover (the others fail already, and
/// reading their buckets would only cost calls). Each comes from the cache when it is younger than the read's
/// <see cref="DestinationReads.MaxAge"/>, else from a fresh read; the calls made are counted apart from CloudTrail's.
/// </summary>
public sealed class TrailDestinations(DestinationReader reader, DestinationCache cache, ApiCallCounter counter, TimeProvider time)
{
    /// <summary>The snapshot with its covering trails' destinations; a snapshot whose trail list failed is returned as it is.</summary>
    public async Task<AccountSnapshot> CompleteAsync(AccountSnapshot snapshot, DestinationReads reads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Errors.Count > 0)
        {
            return snapshot;
        }

        using var calls = counter.BeginScope();
        var trails = await Task.WhenAll(snapshot.Trails.Select(t => WithDestinationAsync(snapshot.AccountId, t, reads, cancellationToken))).ConfigureAwait(false);
        return snapshot with { Trails = trails, DestinationCalls = snapshot.DestinationCalls + calls.Count };
    }

    private async Task<TrailSnapshot> WithDestinationAsync(string accountId, TrailSnapshot trail, DestinationReads reads, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(trail.Trail.S3BucketName) || !TrailAssessor.Assess(trail with { Destination = null }).Covers)
        {
            return trail;
        }

        var now = time.GetUtcNow();
        if (cache.Get(accountId, trail.Trail) is { } cached && now - cached.ReadAt < reads.MaxAge)
        {
            return trail with { Destination = cached.Read };
        }

        var read = await reader.ReadAsync(trail.Trail, cancellationToken).ConfigureAwait(false);
        cache.Put(accountId, trail.Trail, read, now);
        return trail with { Destination = read };
    }
}
