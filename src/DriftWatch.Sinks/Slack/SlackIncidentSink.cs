using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Sinks.Soc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Sinks.Slack;

/// <summary>
/// Posts every notice to a Slack incoming webhook as a Block Kit message. Slack has no idempotency key: a redelivered
/// notice is a second message, recognisable by the notice id in its footer. The webhook URL never reaches a log line
/// or a refusal's reason: its path is the token.
/// </summary>
public sealed class SlackIncidentSink(
    IHttpClientFactory httpClients,
    IOptions<SlackOptions> options,
    ILogger<SlackIncidentSink> logger) : IIncidentSink
{
    /// <summary>Name of the HttpClient this sink uses (no request logging, retries as Slack advises).</summary>
    public const string HttpClientName = "driftwatch-slack";

    private readonly SlackOptions _options = options.Value;

    /// <inheritdoc />
    public string Name => "slack";

    /// <inheritdoc />
    public bool Enabled => _options.Enabled;

    /// <inheritdoc />
    public async Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return SinkResult.Accepted;
        }

        var soc = SocNotice.Of(notice);
        using var request = JsonPost.Request(new Uri(_options.WebhookUrl!), SlackMessage.For(soc).ToJsonString(), soc.NoticeId);
        var reply = await JsonPost.SendAsync(httpClients.CreateClient(HttpClientName), request, cancellationToken);
        if (reply.Unanswered is { } unanswered)
        {
            return SinkResult.Refused($"Slack did not answer {soc.NoticeId}: {unanswered}");
        }

        if (reply.Accepted)
        {
            logger.LogInformation("Slack took {NoticeType} {IncidentId}", notice.Type, notice.IncidentId);
            return SinkResult.Accepted;
        }

        // Slack answers with a short error word (invalid_payload, no_service, channel_is_archived...).
        var error = InertText.Of(Bounded.Redact(reply.Body, _options.WebhookUrl), 80);
        if (reply.IsFinalRefusal)
        {
            logger.LogError(
                "Slack refused {NoticeType} {IncidentId} with HTTP {Status} ({SlackError}): the webhook was revoked, its channel archived, or the message is invalid. Check DriftWatch:Incidents:Slack:WebhookUrl; the outbox tries again later",
                notice.Type, notice.IncidentId, reply.Status, error);
        }

        return SinkResult.Refused($"Slack refused {soc.NoticeId}: HTTP {reply.Status} {error}");
    }
}
