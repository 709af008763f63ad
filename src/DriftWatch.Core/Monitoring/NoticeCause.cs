using DriftWatch.Core.Monitoring;

namespace DriftWatch.Core.Monitoring;

/// <summary>The API call behind a notice, flattened for the SOC; Kind is "sweep" when no event was seen.</summary>
public sealed record NoticeCause(
    string Kind,
    string? EventName,
    string? EventId,
    DateTimeOffset? EventTime,
    string? Region,
    string? Actor,
    string? SourceIp,
    string? UserAgent)
{
    /// <summary>Takes the latest event of a cause.</summary>
    public static NoticeCause Of(EvaluationCause cause) => cause.LatestEvent() is { } e
        ? new NoticeCause(cause.Kind, e.EventName, e.EventId, e.EventTime, e.Region, e.ActorArn, e.SourceIp, e.UserAgent)
        : new NoticeCause(cause.Kind, null, null, null, null, null, null, null);
}
