namespace DriftWatch.Core.Monitoring;

/// <summary>
/// The last recorded verdict for an account. Version grows by one on every write, so a writer that read an older
/// state cannot overwrite a newer one.
/// </summary>
public sealed record AccountState(
    string AccountId,
    long Version,
    VerdictSummary Verdict,
    DateTimeOffset ChangedAt,
    DateTimeOffset LastEvaluatedAt,
    string? OpenIncidentId,
    DateTimeOffset? ErrorSince,
    bool BlindNoticeSent);
