using DriftWatch.Aws;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Aws.Identity;
using DriftWatch.Core;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Heartbeat;

/// <summary>
/// Reads a region's forwarder rule back (DescribeRule, ListTargetsByRule, as the account) and folds the check into the
/// region's watch: a changed pattern, a lost target or a disabled rule is caught here even while some heartbeat still
/// passes. An AWS error leaves the region as it was, with a warning: never an alarm on a guess.
/// </summary>
public sealed class ForwarderVerifier(
    IEventBridgeClient eventBridge,
    IAccountIdentity identity,
    AwsRegionResolver regions,
    IRegionWatcher watcher,
    IOptions<ForwarderOptions> forwarder,
    IOptions<RegionsOptions> watched,
    ILogger<ForwarderVerifier> logger) : IForwarderChecks
{
    private const int RegionsAtOnce = 4;
    private readonly ForwarderOptions _options = forwarder.Value;

    /// <inheritdoc />
    public bool Enabled => _options.Verify;

    /// <summary>True for a call that may have changed a forwarder (EventBridge rules, CloudFormation stacks): it re-checks the region.</summary>
    public static bool IsForwarderCall(string eventName) =>
        MonitoredCalls.EventBridge.Contains(eventName, StringComparer.Ordinal) || MonitoredCalls.CloudFormation.Contains(eventName, StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<int> VerifyAccountAsync(string accountId, EvaluationCause cause, CancellationToken cancellationToken)
    {
        if (!_options.Verify)
        {
            return 0;
        }

        var unverified = 0;
        await Parallel.ForEachAsync(
            watched.Value.Watched,
            new ParallelOptions { MaxDegreeOfParallelism = RegionsAtOnce, CancellationToken = cancellationToken },
            async (region, ct) =>
            {
                if (!(await VerifyAsync(accountId, region, cause, ct)).IsVerified)
                {
                    Interlocked.Increment(ref unverified);
                }
            });
        return unverified;
    }

    /// <inheritdoc />
    public async Task<ForwarderCheck> VerifyAsync(string accountId, string region, EvaluationCause cause, CancellationToken cancellationToken)
    {
        if (!_options.Verify || !AwsIds.IsRegion(region))
        {
            return ForwarderCheck.Unverified("not verified");
        }

        var check = await CheckAsync(accountId, region, cancellationToken);
        if (!check.IsVerified)
        {
            logger.LogWarning("Could not verify the forwarder of account {AccountId} in {Region}: {Error}", accountId, region, InertText.Of(check.Error));
            return check;
        }

        await watcher.ObserveAsync(accountId, region, new RegionObservation.ForwarderVerified(check, cause), cancellationToken);
        return check;
    }

    private async Task<ForwarderCheck> CheckAsync(string accountId, string region, CancellationToken cancellationToken)
    {
        try
        {
            var central = await CentralBusArnAsync(cancellationToken);
            var rule = await eventBridge.DescribeRuleAsync(accountId, region, _options.RuleName, cancellationToken);
            var targets = rule is null ? [] : await eventBridge.ListTargetsByRuleAsync(accountId, region, _options.RuleName, cancellationToken);
            var read = rule is null ? null : new ForwarderRule(rule.Name, rule.State, rule.EventPattern, targets.Select(t => t.Arn).ToList());
            return ForwarderInspection.Inspect(read, accountId, region, _options.RuleName, central);
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return ForwarderCheck.Unverified(e is AwsServiceException aws ? $"{aws.ErrorCode}: {aws.Message}" : e.Message);
        }
    }

    private async Task<string> CentralBusArnAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(_options.CentralBusArn))
        {
            return _options.CentralBusArn;
        }

        var region = regions.Resolve();
        var account = await identity.GetAccountIdAsync(cancellationToken);
        return $"arn:{AwsIds.PartitionOf(region)}:events:{region}:{account}:event-bus/{_options.CentralBusName}";
    }
}
