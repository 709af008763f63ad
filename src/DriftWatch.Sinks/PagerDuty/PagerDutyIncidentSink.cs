using System.Text.Json.Nodes;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Sinks.Soc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Sinks.PagerDuty;

/// <summary>
/// Sends every notice to PagerDuty's Events API v2. 429 and 5xx are retried with backoff, after Retry-After when
/// PagerDuty sends one (its advice), by the named client's handler (<see cref="DeliveryResilience"/>); any other 4xx
/// is a configuration error (usually the routing key), logged as such without the key, and left to the outbox. A 2xx
/// (PagerDuty answers 202) is the acceptance. A one-off notice (a denied attempt) goes to the Change Events endpoint
/// instead, with the same routing key (<see cref="PagerDutyEvent"/> says why). An incident's trigger and resolve reach it in that order: the notifier
/// hands a sink an incident's notices in notice order.
/// </summary>
public sealed class PagerDutyIncidentSink(
    IHttpClientFactory httpClients,
    IOptions<PagerDutyOptions> options,
    ILogger<PagerDutyIncidentSink> logger) : IIncidentSink
{
    /// <summary>Name of the HttpClient this sink uses (no request logging, retries as PagerDuty advises).</summary>
    public const string HttpClientName = "driftwatch-pagerduty";

    private readonly PagerDutyOptions _options = options.Value;

    /// <inheritdoc />
    public string Name => "pagerduty";

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
        var change = PagerDutyEvent.IsChange(soc);
        var body = change ? PagerDutyEvent.ChangeFor(soc, _options.RoutingKey!) : PagerDutyEvent.For(soc, _options.RoutingKey!);
        using var request = JsonPost.Request(change ? _options.ChangeEndpoint() : _options.Url, body.ToJsonString(), soc.NoticeId);
        var reply = await JsonPost.SendAsync(httpClients.CreateClient(HttpClientName), request, cancellationToken);
        if (reply.Unanswered is { } unanswered)
        {
            return SinkResult.Refused($"PagerDuty did not answer {soc.NoticeId}: {unanswered}");
        }

        if (reply.Accepted)
        {
            logger.LogInformation("PagerDuty took {NoticeType} {IncidentId} ({EventAction}, dedup_key {DedupKey})",
                notice.Type, notice.IncidentId, (string?)body["event_action"] ?? "change", change ? "none" : notice.IncidentId);
            return SinkResult.Accepted;
        }

        var problem = Problem(reply.Body);
        if (reply.IsFinalRefusal)
        {
            logger.LogError(
                "PagerDuty refused {NoticeType} {IncidentId} with HTTP {Status} ({Problem}): a configuration error, most often DriftWatch:Incidents:PagerDuty:RoutingKey; not retried now, the outbox tries again later",
                notice.Type, notice.IncidentId, reply.Status, problem);
        }

        return SinkResult.Refused($"PagerDuty refused {soc.NoticeId}: HTTP {reply.Status} {problem}");
    }

    // PagerDuty explains a refusal as {"status", "message", "errors": [...]}; the key is cut out in case it is echoed.
    private string Problem(string reply)
    {
        string text;
        try
        {
            var json = JsonNode.Parse(reply) as JsonObject;
            text = json is null
                ? reply
                : string.Join("; ", new[] { (string?)json["message"] }
                    .Concat((json["errors"] as JsonArray ?? []).Select(e => e?.ToString()))
                    .Where(s => !string.IsNullOrWhiteSpace(s)));
        }
        catch (System.Text.Json.JsonException)
        {
            text = reply;
        }

        return InertText.Of(Bounded.Redact(text, _options.RoutingKey), 300);
    }
}
