namespace DriftWatch.Core.Monitoring;

/// <summary>
/// The last recorded verdict for an account. Version grows by one on every write, so a writer that read an older
/// state cannot overwrite a newer one. OpenIncidents holds the open incident of each kind (<see cref="IncidentKind"/>)
/// by id: at most one per kind, so a broken log bucket and a stopped trail are opened and resolved on their own.
/// </summary>
public sealed record AccountState(
    string AccountId,
    long Version,
    VerdictSummary Verdict,
    DateTimeOffset ChangedAt,
    DateTimeOffset LastEvaluatedAt,
    IReadOnlyDictionary<string, string> OpenIncidents,
    DateTimeOffset? ErrorSince,
    bool BlindNoticeSent)
{
    /// <summary>No incident open.</summary>
    public static IReadOnlyDictionary<string, string> NoIncidents { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The open coverage incident, if any (the only kind before kinds existed).</summary>
    public string? OpenIncidentId => OpenIncidentOf(IncidentKind.Coverage);

    /// <summary>The open incident of a kind, if any.</summary>
    public string? OpenIncidentOf(string kind) => OpenIncidents.TryGetValue(kind, out var id) ? id : null;

    /// <summary>Open incidents with only the coverage incident given (or none): the shape of states before kinds.</summary>
    public static IReadOnlyDictionary<string, string> CoverageOnly(string? incidentId) => incidentId is null
        ? NoIncidents
        : new Dictionary<string, string>(StringComparer.Ordinal) { [IncidentKind.Coverage] = incidentId };
}
