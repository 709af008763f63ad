using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Sinks;

/// <summary>
/// POSTs notices as JSON, signed with HMAC-SHA256 when a secret is set. Retries and the per-attempt timeout are the
/// named HttpClient's resilience handler (<see cref="DeliveryResilience"/>); what is left after its attempts is a
/// refusal, and the notice waits in the outbox. Neither the URL nor the secret ever reaches a log line: the URL may
/// carry a token.
/// </summary>
public sealed class WebhookIncidentSink(
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookIncidentSink> logger) : IIncidentSink
{
    /// <summary>Name of the HttpClient this sink uses.</summary>
    public const string HttpClientName = "driftwatch-webhook";

    /// <summary>Header carrying "sha256=" + hex HMAC of the body.</summary>
    public const string SignatureHeader = "X-DriftWatch-Signature";

    /// <summary>
    /// Header carrying the notice's stable id ("type/incidentId"): the same on every retry, so a receiver that saw it
    /// already can drop the repeat.
    /// </summary>
    public const string NoticeIdHeader = "X-DriftWatch-Notice-Id";

    private readonly WebhookOptions _options = options.Value;

    /// <inheritdoc />
    public string Name => "webhook";

    /// <inheritdoc />
    public bool Enabled => _options.Enabled;

    /// <inheritdoc />
    public async Task<SinkResult> DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return SinkResult.Accepted;
        }

        using var request = Request(StoredJson.Write(notice), $"{notice.Type}/{notice.IncidentId}");
        var reply = await JsonPost.SendAsync(httpClients.CreateClient(HttpClientName), request, cancellationToken);
        if (reply.Accepted)
        {
            logger.LogInformation("Webhook accepted {NoticeType} {IncidentId}", notice.Type, notice.IncidentId);
            return SinkResult.Accepted;
        }

        if (reply.IsFinalRefusal)
        {
            logger.LogError(
                "Webhook refused {NoticeType} {IncidentId} with HTTP {Status}: a configuration error (the URL, or the receiver's check of the signature). Check DriftWatch:Incidents:Webhook:Url and DriftWatch:Incidents:Webhook:Secret; the outbox tries again later",
                notice.Type, notice.IncidentId, reply.Status);
        }

        var failure = reply.Unanswered ?? $"HTTP {reply.Status}";
        return SinkResult.Refused($"webhook refused {notice.Type} {notice.IncidentId} after {_options.Attempts} attempts: {failure}");
    }

    private HttpRequestMessage Request(string body, string noticeId)
    {
        var request = JsonPost.Request(new Uri(_options.Url!), body, noticeId);
        if (!string.IsNullOrEmpty(_options.Secret))
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.Secret), Encoding.UTF8.GetBytes(body));
            request.Headers.Add(SignatureHeader, "sha256=" + Convert.ToHexStringLower(mac));
        }

        request.Headers.Add(NoticeIdHeader, noticeId);
        request.Headers.Add("X-DriftWatch-Delivery", time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return request;
    }
}
