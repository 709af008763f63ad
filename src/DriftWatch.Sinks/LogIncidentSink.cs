using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Sinks;

/// <summary>Writes every notice as one structured log line; actor and user agent are rendered inert.</summary>
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
            "{NoticeType} {IncidentId} for account {AccountId}: {Status}; cause {CauseKind} {EventName} in {Region} by {Actor} from {SourceIp} ({UserAgent}); reasons: {Reasons}",
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
            string.Join("; ", notice.Reasons.Select(r => InertText.Of(r))));
        return Task.FromResult(SinkResult.Accepted);
    }
}
