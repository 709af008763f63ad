namespace DriftWatch.Core.Monitoring;

/// <summary>
/// The API call behind a notice, flattened for the SOC; Kind is "sweep" when no event was seen. ErrorCode is set when
/// AWS refused the call (an attempt.denied notice), and left out of the body otherwise.
/// </summary>
public sealed record NoticeCause(
    string Kind,
    string? EventName,
    string? EventId,
    DateTimeOffset? EventTime,
    string? Region,
    string? Actor,
    string? SourceIp,
    string? UserAgent,
    string? ErrorCode = null)
{
    /// <summary>Takes the latest event of a cause.</summary>
    public static NoticeCause Of(EvaluationCause cause) => cause.LatestEvent() is { } e
        ? new NoticeCause(cause.Kind, e.EventName, e.EventId, e.EventTime, e.Region, e.ActorArn, e.SourceIp, e.UserAgent, e.ErrorCode)
        : new NoticeCause(cause.Kind, null, null, null, null, null, null, null);
}
