using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Sinks;

/// <summary>
/// POSTs notices as JSON, signed with HMAC-SHA256 when a secret is set, retrying with exponential backoff and jitter.
/// Neither the URL nor the secret ever reaches a log line: the URL may carry a token.
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
    public async Task DeliverAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var body = StoredJson.Write(notice);
        var client = httpClients.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            string failure;
            try
            {
                using var request = Request(body);
                request.Headers.Add(NoticeIdHeader, $"{notice.Type}/{notice.IncidentId}");
                using var response = await client.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    logger.LogInformation("Webhook accepted {NoticeType} {IncidentId} (attempt {Attempt})", notice.Type, notice.IncidentId, attempt);
                    return;
                }

                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
            {
                failure = e is OperationCanceledException ? "timed out" : e.GetType().Name;
            }

            if (attempt >= _options.Attempts)
            {
                throw new WebhookDeliveryException($"webhook refused {notice.Type} {notice.IncidentId} after {attempt} attempts: {failure}");
            }

            var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 200 * (1 << Math.Min(attempt, 6))));
            logger.LogWarning("Webhook delivery of {IncidentId} failed ({Failure}); retrying in {DelayMs} ms", notice.IncidentId, failure, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private HttpRequestMessage Request(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _options.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (!string.IsNullOrEmpty(_options.Secret))
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.Secret), Encoding.UTF8.GetBytes(body));
            request.Headers.Add(SignatureHeader, "sha256=" + Convert.ToHexStringLower(mac));
        }

        request.Headers.Add("X-DriftWatch-Delivery", time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return request;
    }
}
