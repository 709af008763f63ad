using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Report;

/// <summary>
/// The change that opened or closed a gap: the latest CloudTrail call of its evaluation (kind "event"), or kind
/// "sweep" with every other field null. Actor and source IP are as the caller sent them.
/// </summary>
internal sealed record GapCauseJson(
    string Kind,
    string? EventName,
    string? Actor,
    string? SourceIp,
    string? Region,
    string? EventTime)
{
    /// <summary>Maps a cause.</summary>
    public static GapCauseJson Of(NoticeCause cause) =>
        new(cause.Kind, cause.EventName, cause.Actor, cause.SourceIp, cause.Region, ReportValues.Time(cause.EventTime));
}
