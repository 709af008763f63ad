namespace DriftWatch.Core.Monitoring;

/// <summary>An incident raised to the SOC: coverage of an account dropped, and (once resolved) when it returned.</summary>
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

    /// <summary>True until coverage returns.</summary>
    public bool IsOpen => ResolvedAt is null;

    /// <summary>A stable id: one incident per account and opening state version, so a retried write cannot open two.</summary>
    public static string IdFor(string accountId, long version) => $"{accountId}-{version:D8}";
}
