using DriftWatch.Aws;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Sinks.Soc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Sinks.EventBridge;

/// <summary>
/// Puts every notice on the configured bus: source "driftwatch", detail-type from the notice type ("DriftWatch
/// Incident Opened"), detail the webhook body itself, whose type and incidentId are the notice's stable id for a
/// consumer to drop repeats. The EventBridge client retries throttling and 5xx; a refused entry, or a call that
/// failed after those retries, is a refusal and the notice waits in the outbox.
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
    public string Name => "eventbridge";

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
        var region = regions.Resolve(_options.Region);
        var entry = new EventEntry(
            Source,
            soc.Type.DetailType,
            soc.Body,
            _options.BusName,
            notice.Trails.Select(t => t.Arn).Where(a => a.StartsWith("arn:", StringComparison.Ordinal)).ToList());
        PutEventsResult result;
        try
        {
            result = await events.PutEventsAsync(region, [entry], cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && AwsFailure.Is(e))
        {
            return SinkResult.Refused($"EventBridge did not take {soc.NoticeId}: {AwsFailure.Describe(e)}");
        }

        if (result.FailedEntryCount > 0 || result.EventIds.Count == 0)
        {
            var refused = result.Entries.FirstOrDefault(e => !e.Succeeded);
            return SinkResult.Refused(
                $"EventBridge refused {soc.NoticeId}: {refused?.ErrorCode ?? "no event id"} {InertText.Of(refused?.ErrorMessage ?? "", 200)}".TrimEnd());
        }

        logger.LogInformation("EventBridge took {NoticeType} {IncidentId} as event {EventId} ({DetailType})",
            notice.Type, notice.IncidentId, result.EventIds[0], soc.Type.DetailType);
        return SinkResult.Accepted;
    }
}
