namespace DriftWatch.Core.Monitoring;

/// <summary>
/// What DriftWatch knows of its own view of one region of one account: since when it watches, the last heartbeat that
/// came back through the forwarder, what the last forwarder check found wrong, and the monitoring incident open for
/// the region. Version grows by one on every write, so a writer that read an older watch cannot overwrite a newer one.
/// </summary>
public sealed record RegionWatch(
    string AccountId,
    string Region,
    long Version,
    DateTimeOffset WatchedSince,
    DateTimeOffset? LastHeartbeatAt,
    IReadOnlyList<string> ForwarderProblems,
    IReadOnlyList<string> ForwarderRemediation,
    DateTimeOffset? VerifiedAt,
    string? OpenIncidentId)
{
    /// <summary>A region first seen now: nothing arrived yet, nothing found wrong yet.</summary>
    public static RegionWatch Start(string accountId, string region, DateTimeOffset now) =>
        new(accountId, region, 0, now, null, [], [], null, null);

    /// <summary>When the region was last heard from (its first watch when no heartbeat ever came).</summary>
    public DateTimeOffset HeardFrom => LastHeartbeatAt ?? WatchedSince;
}
