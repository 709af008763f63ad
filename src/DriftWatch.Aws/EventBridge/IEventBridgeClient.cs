namespace DriftWatch.Aws.EventBridge;

/// <summary>Publishes events to EventBridge (tests, the demo and benchmarks feed CloudTrail-shaped events this way).</summary>
public interface IEventBridgeClient
{
    /// <summary>
    /// Publishes the entries (in batches of 10, the API's limit). Partial failure is reported in the result;
    /// when no entry at all was accepted it throws <see cref="AwsServiceException"/>.
    /// </summary>
    Task<PutEventsResult> PutEventsAsync(string region, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken);
}
