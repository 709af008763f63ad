using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Sinks.Soc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Sinks.Slack;

/// <summary>
/// Posts every notice to a Slack incoming webhook as a Block Kit message. Slack has no idempotency key: a redelivered
/// notice is a second message, recognisable by the notice id in its footer. The webhook URL never reaches a log line
/// or an exception: its path is the token.
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
    public async Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    { await SendTmpAsync(notice, cancellationToken); return SinkResult.Accepted; }

    private async Task SendTmpAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var soc = SocNotice.Of(notice);
        var (status, reply) = await JsonPost.SendAsync(
            httpClients.CreateClient(HttpClientName), new Uri(_options.WebhookUrl!), SlackMessage.For(soc).ToJsonString(), "Slack", soc, cancellationToken);
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            logger.LogInformation("Slack took {NoticeType} {IncidentId}", notice.Type, notice.IncidentId);
            return;
        }

        // Slack answers with a short error word (invalid_payload, no_service, channel_is_archived...).
        var error = InertText.Of(Bounded.Redact(reply, _options.WebhookUrl), 80);
        if (code is >= 400 and < 500 and not 429)
        {
            logger.LogError(
                "Slack refused {NoticeType} {IncidentId} with HTTP {Status} ({SlackError}): the webhook was revoked, its channel archived, or the message is invalid. Check DriftWatch:Incidents:Slack:WebhookUrl; the outbox tries again later",
                notice.Type, notice.IncidentId, code, error);
        }

        throw new SocDeliveryException($"Slack refused {soc.NoticeId}: HTTP {code} {error}");
    }
}
