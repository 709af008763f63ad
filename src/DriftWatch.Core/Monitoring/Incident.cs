namespace DriftWatch.Core.Monitoring;

/// <summary>An incident raised to the SOC: a control of an account dropped (its <see cref="Kind"/>), and (once resolved) when it returned.</summary>
public sealed record Incident(
    string IncidentId,
    string AccountId,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt,
    EvaluationCause OpenedBy,
    VerdictSummary Verdict,
    EvaluationCause? ResolvedBy = null)
{
    /// <summary>What the incident is about: <see cref="IncidentKind"/>.</summary>
    public string Kind { get; init; } = IncidentKind.Coverage;

    /// <summary>True until the control passes again.</summary>
    public bool IsOpen => ResolvedAt is null;

    /// <summary>A stable id: one incident per account and opening state version, so a retried write cannot open two.</summary>
    public static string IdFor(string accountId, long version) => $"{accountId}-{version:D8}";

    /// <summary>
    /// The stable id of an incident of a kind. Coverage keeps the id it had before kinds existed, so stored incidents
    /// and the SOC's dedup keys stay valid; another kind is prefixed with its name, so one evaluation may open both.
    /// </summary>
    public static string IdFor(string accountId, long version, string kind) =>
        kind == IncidentKind.Coverage ? IdFor(accountId, version) : $"{kind}-{IdFor(accountId, version)}";
}
