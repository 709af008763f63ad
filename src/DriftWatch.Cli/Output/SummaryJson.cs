using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>A recorded verdict (before or after a change): its status, trails in `check`'s shape, reasons and fixes.</summary>
internal sealed record SummaryJson(
    string Status,
    IReadOnlyList<TrailJson> Trails,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Remediation,
    IReadOnlyList<string> Errors,
    string? ExceptionRationale)
{
    /// <summary>Maps a stored verdict summary.</summary>
    public static SummaryJson From(VerdictSummary v) => new(
        CliJson.Status(v.Status),
        v.Trails.Select(TrailJson.From).ToList(),
        v.Reasons,
        v.Remediation,
        v.Errors,
        v.ExceptionRationale);
}
