using DriftWatch.Aws;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Core.Monitoring;
using DriftWatch.Sinks.Soc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Sinks.EventBridge;

/// <summary>
/// Puts every notice on the configured bus: source "driftwatch", detail-type from the notice type ("DriftWatch
/// Incident Opened"), detail the webhook body itself, whose type and incidentId are the notice's stable id for a
/// consumer to drop repeats. The EventBridge client retries throttling and 5xx; a refused entry throws.
/// </summary>
public sealed class EventBridgeIncidentSink(
    IEventBridgeClient events,
    AwsRegionResolver regions,
    IOptions<EventBridgeOptions> options,
    ILogger<EventBridgeIncidentSink> logger) : IIncidentSink
{
    /// <summary>The events' source: custom, since only AWS may use aws.*.</summary>
    public const string Source = "driftwatch";

    private readonly EventBridgeOptions _options = options.Value;

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
        var region = regions.Resolve(_options.Region);
        var entry = new EventEntry(
            Source,
            soc.Type.DetailType,
            soc.Body,
            _options.BusName,
            notice.Trails.Select(t => t.Arn).Where(a => a.StartsWith("arn:", StringComparison.Ordinal)).ToList());
        var result = await events.PutEventsAsync(region, [entry], cancellationToken);
        if (result.FailedEntryCount > 0 || result.EventIds.Count == 0)
        {
            var refused = result.Entries.FirstOrDefault(e => !e.Succeeded);
            throw new SocDeliveryException(
                $"EventBridge refused {soc.NoticeId}: {refused?.ErrorCode ?? "no event id"} {refused?.ErrorMessage}");
        }

        logger.LogInformation("EventBridge took {NoticeType} {IncidentId} as event {EventId} ({DetailType})",
            notice.Type, notice.IncidentId, result.EventIds[0], soc.Type.DetailType);
    }
}
