using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>
/// One element of `incidents --output json`; kind is coverage, integrity or monitoring. Reasons and remediation are
/// those of the verdict that opened it (for an integrity incident: the log buckets' lifecycle rules);
/// resolvedAt and resolvedBy are null while it is open.
/// </summary>
internal sealed record IncidentJson(
    string Id,
    string Account,
    string Status,
    string Kind,
    DateTime OpenedAt,
    DateTime? ResolvedAt,
    CauseJson Cause,
    CauseJson? ResolvedBy,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Remediation)
{
    /// <summary>Maps a stored incident.</summary>
    public static IncidentJson From(Incident i) => new(
        i.IncidentId,
        i.AccountId,
        i.IsOpen ? "open" : "resolved",
        i.Kind,
        i.OpenedAt.UtcDateTime,
        i.ResolvedAt?.UtcDateTime,
        CauseJson.From(i.OpenedBy),
        i.ResolvedBy is null ? null : CauseJson.From(i.ResolvedBy),
        i.Verdict.Reasons,
        i.Verdict.Remediation);
}
