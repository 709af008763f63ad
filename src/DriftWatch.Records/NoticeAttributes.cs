using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>
/// The outbox columns of an incidents-table item, one set per notice type. "…Body" holds the notice as decided and
/// first sent (its JSON), "…Pending" the earliest time the retrier may take it (both written with the incident, in the
/// same transaction as the state), "…Attempts" how often delivery failed, "…TakenBy" the names of the sinks that took
/// it (a string set, grown with ADD as each sink accepts, kept after the notice is cleared), "…NotifiedAt" when every
/// enabled sink had it. A notice is pending while "…Pending" exists.
/// </summary>
/// <remarks>
/// <see cref="All"/> is notice order, the order in which one incident's notices are decided: a sink is handed them in
/// this order, and a sink that took a later one counts an earlier one as superseded.
/// </remarks>
internal sealed record NoticeAttributes(string Type, string Body, string Pending, string Attempts, string TakenBy, string NotifiedAt)
{
    public static NoticeAttributes Opened { get; } = Of(IncidentNotice.Opened, "Opened");

    public static NoticeAttributes Resolved { get; } = Of(IncidentNotice.Resolved, "Resolved");

    public static NoticeAttributes Blind { get; } = Of(IncidentNotice.Blind, "Blind");

    public static NoticeAttributes Attempt { get; } = Of(IncidentNotice.AttemptDenied, "Attempt");

    public static IReadOnlyList<NoticeAttributes> All { get; } = [Opened, Resolved, Blind, Attempt];

    public static NoticeAttributes For(string type) =>
        All.FirstOrDefault(a => a.Type == type) ?? throw new ArgumentException($"unknown notice type {type}", nameof(type));

    private static NoticeAttributes Of(string type, string name) =>
        new(type, $"Notice{name}Body", $"Notice{name}Pending", $"Notice{name}Attempts", $"Notice{name}TakenBy", $"Notice{name}NotifiedAt");
}
