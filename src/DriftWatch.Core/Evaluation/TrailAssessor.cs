using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// Judges one trail on its own: is it multi-region, logging, recording read and write management events, delivering,
/// and can its destination (bucket, policy, key) take its logs?
/// </summary>
public static class TrailAssessor
{
    /// <summary>Assesses one trail snapshot; a destination read with it is judged against the required retention.</summary>
    public static TrailAssessment Assess(TrailSnapshot snapshot, int minimumRetentionDays = DestinationAssessor.DefaultMinimumRetentionDays)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var trail = snapshot.Trail;
        var reasons = new List<string>();
        var coverage = snapshot.Selectors is null ? null : SelectorCoverage.Of(snapshot.Selectors);
        var delivery = snapshot.Status is null ? null : DeliveryHealth.Of(snapshot.Status);
        var logging = snapshot.Status?.IsLogging;

        if (!trail.IsMultiRegion)
        {
            reasons.Add($"records only its home region {trail.HomeRegion}");
        }

        if (logging == false)
        {
            reasons.Add(snapshot.Status!.StopLoggingTime is { } stopped
                ? $"logging is stopped (since {stopped:yyyy-MM-ddTHH:mm:ssZ})"
                : "logging is stopped");
        }

        if (coverage is not null)
        {
            reasons.AddRange(CoverageReasons(coverage));
        }

        if (delivery is not null)
        {
            reasons.Add(delivery.ToString());
        }

        // Only a broken destination counts against the trail: one DriftWatch could not read is a warning.
        var destination = snapshot.Destination is { } read ? DestinationAssessor.Assess(trail, read, minimumRetentionDays) : null;
        if (destination is not null)
        {
            reasons.AddRange(destination.Problems.Select(p => $"logs cannot be delivered: {p.Why}"));
        }

        reasons.AddRange(snapshot.Errors.Select(e => $"could not evaluate: {e}"));

        var covers = snapshot.Errors.Count == 0
            && trail.IsMultiRegion
            && logging == true
            && coverage?.IsComplete == true
            && delivery is null
            && destination?.Status != DestinationStatus.Broken;
        return new TrailAssessment(trail, logging, coverage, delivery, covers, reasons, snapshot.Errors) { Destination = destination };
    }

    private static IEnumerable<string> CoverageReasons(ManagementCoverage coverage)
    {
        if (!coverage.Reads && !coverage.Writes && coverage.Narrowing.Count == 0)
        {
            yield return "records no management events";
            yield break;
        }

        if (!coverage.Reads)
        {
            yield return "does not record read management events in full";
        }

        if (!coverage.Writes)
        {
            yield return "does not record write management events in full";
        }

        foreach (var narrowing in coverage.Narrowing)
        {
            yield return narrowing;
        }
    }
}
