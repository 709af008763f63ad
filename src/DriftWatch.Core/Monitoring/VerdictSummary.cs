using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Monitoring;

/// <summary>A verdict as persisted in state, transitions and incidents.</summary>
public sealed record VerdictSummary(
    ComplianceStatus Status,
    IReadOnlyList<TrailSummary> Trails,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Remediation,
    IReadOnlyList<string> Errors,
    string? ExceptionRationale)
{
    /// <summary>Summarises a verdict.</summary>
    public static VerdictSummary Of(Verdict verdict) => new(
        verdict.Status,
        verdict.Trails.Select(TrailSummary.Of).ToList(),
        verdict.Reasons,
        verdict.Remediation,
        verdict.Errors.Select(e => e.ToString()).ToList(),
        verdict.Exception?.Rationale);

    /// <summary>Equal fingerprints mean nothing a reviewer cares about changed.</summary>
    public string Fingerprint =>
        $"{Status}|{ExceptionRationale is not null}|" + string.Join(";", Trails.Select(t => t.Fingerprint).Order(StringComparer.Ordinal));
}
