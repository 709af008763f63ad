namespace DriftWatch.Core.Monitoring;

/// <summary>
/// What an incident is about. One incident of a kind can be open per account (monitoring: per account and region),
/// so a broken log bucket and a stopped trail are told apart and resolved on their own.
/// </summary>
public static class IncidentKind
{
    /// <summary>No trail records read and write management events in every region.</summary>
    public const string Coverage = "coverage";

    /// <summary>Logs are recorded but will not survive: a log bucket's lifecycle deletes them too soon.</summary>
    public const string Integrity = "integrity";

    /// <summary>DriftWatch itself cannot see a region: no heartbeat, or its forwarder was changed.</summary>
    public const string Monitoring = "monitoring";
}
