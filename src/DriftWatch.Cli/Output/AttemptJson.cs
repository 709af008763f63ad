using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>
/// One denied attempt in `history --output json` (record "attempt"): the refused call, who made it, from where, and
/// AWS's error code. It changed nothing, so it has no from/to; status is the account's as last recorded when it came.
/// Actor, source IP, user agent and error code are as the caller's event carried them.
/// </summary>
internal sealed record AttemptJson(
    string Record,
    string Account,
    string Kind,
    DateTime At,
    string Call,
    string EventId,
    DateTime? EventTime,
    string Region,
    string? Actor,
    string? SourceIp,
    string? UserAgent,
    string? ErrorCode,
    string Status,
    string NoticeId)
{
    /// <summary>The record word of a denied attempt.</summary>
    public const string RecordName = "attempt";

    /// <summary>Maps a stored attempt.</summary>
    public static AttemptJson Of(DeniedAttempt a) => new(
        RecordName,
        a.AccountId,
        a.Kind,
        a.DetectedAt.UtcDateTime,
        a.Event.EventName,
        a.Event.EventId,
        a.Event.EventTime?.UtcDateTime,
        a.Event.Region,
        a.Event.ActorArn,
        a.Event.SourceIp,
        a.Event.UserAgent,
        a.Event.ErrorCode,
        CliJson.Status(a.Notice.Status),
        a.NoticeId);
}
