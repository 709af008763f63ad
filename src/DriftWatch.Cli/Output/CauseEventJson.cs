using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>One CloudTrail call behind a change. Actor, source IP and user agent are as the caller sent them.</summary>
internal sealed record CauseEventJson(
    string EventName,
    string EventId,
    DateTime? EventTime,
    string Region,
    string? Actor,
    string? SourceIp,
    string? UserAgent)
{
    /// <summary>Maps a stored trigger event.</summary>
    public static CauseEventJson From(TriggerEvent e) =>
        new(e.EventName, e.EventId, e.EventTime?.UtcDateTime, e.Region, e.ActorArn, e.SourceIp, e.UserAgent);
}
