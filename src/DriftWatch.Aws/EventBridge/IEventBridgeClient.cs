namespace DriftWatch.Aws.EventBridge;

/// <summary>
/// EventBridge as DriftWatch uses it: publishing (notices to the SOC's bus; tests, the demo and benchmarks feed
/// CloudTrail-shaped events this way; heartbeats onto each watched region's default bus, as that account) and reading
/// a forwarder rule back.
/// </summary>
public interface IEventBridgeClient
{
    /// <summary>
    /// Publishes the entries with DriftWatch's own credentials (in batches of 10, the API's limit). Partial failure is
    /// reported in the result; when no entry at all was accepted it throws <see cref="AwsServiceException"/>.
    /// </summary>
    Task<PutEventsResult> PutEventsAsync(string region, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken);

    /// <summary>Publishes the entries as the account (its own keys, or the role assumed there), as the other overload does.</summary>
    Task<PutEventsResult> PutEventsAsync(string accountId, string region, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken);

    /// <summary>The rule of that name on the account's default bus in the region; null when there is none.</summary>
    Task<EventRule?> DescribeRuleAsync(string accountId, string region, string name, CancellationToken cancellationToken);

    /// <summary>Every target of the rule on the account's default bus in the region (all pages).</summary>
    Task<IReadOnlyList<RuleTarget>> ListTargetsByRuleAsync(string accountId, string region, string rule, CancellationToken cancellationToken);
}
