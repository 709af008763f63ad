using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>One gap: to is null while it is still open; resolvedBy null unless a pass ended it inside the window.</summary>
internal sealed record GapJson(
    string Kind,
    string From,
    string? To,
    double DurationSeconds,
    GapCauseJson Cause,
    GapCauseJson? ResolvedBy,
    IReadOnlyList<string> Reasons)
{
    /// <summary>Maps a gap.</summary>
    public static GapJson Of(CoverageGap gap) => new(
        gap.Kind,
        ReportValues.Time(gap.From),
        ReportValues.Time(gap.To),
        ReportValues.Seconds(gap.Duration),
        GapCauseJson.Of(gap.Cause),
        gap.ResolvedBy is { } by ? GapCauseJson.Of(by) : null,
        gap.Reasons);
}
