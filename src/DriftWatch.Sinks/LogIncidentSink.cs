using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Sinks;

/// <summary>Writes every notice as one structured log line, its kind first; actor, user agent and error code are rendered inert.</summary>
public sealed class LogIncidentSink(ILogger<LogIncidentSink> logger) : IIncidentSink
{
    /// <inheritdoc />
    public string Name => "log";

    /// <inheritdoc />
    public bool Enabled => true;

    /// <inheritdoc />
    public Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        var level = notice.Type == IncidentNotice.Resolved ? LogLevel.Information : LogLevel.Warning;
        logger.Log(
            level,
            "{Kind} {NoticeType} {IncidentId} for account {AccountId}: {Status}; cause {CauseKind} {EventName} in {Region} by {Actor} from {SourceIp} ({UserAgent}){Refusal}; reasons: {Reasons}",
            notice.Kind,
            notice.Type,
            notice.IncidentId,
            notice.Account,
            notice.Status,
            notice.Cause.Kind,
            InertText.Of(notice.Cause.EventName),
            notice.Cause.Region,
            InertText.Of(notice.Cause.Actor),
            InertText.Of(notice.Cause.SourceIp),
            InertText.Of(notice.Cause.UserAgent),
            notice.Cause.ErrorCode is { Length: > 0 } code ? $" refused with {InertText.Of(code, 64)}" : "",
            string.Join("; ", notice.Reasons.Select(r => InertText.Of(r))));
        return Task.FromResult(SinkResult.Accepted);
    }
}
