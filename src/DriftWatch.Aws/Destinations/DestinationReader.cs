using DriftWatch.Core.Trails;
using Microsoft.Extensions.Logging;

namespace DriftWatch.Aws.Destinations;

/// <summary>
/// Reads one trail's destination, signed as the account that owns the trail (for an organization trail, the
/// management account): GetBucketLocation (is it there, and where), then GetBucketPolicy and
/// GetBucketLifecycleConfiguration in the bucket's region, and DescribeKey when the trail names a key: at most 4 calls.
/// Any failure (access denied, no role in that account, a timeout) leaves its part "not verified": CloudTrail answered,
/// so the verdict never becomes "could not evaluate" for want of the bucket.
/// </summary>
public sealed partial class DestinationReader(IBucketClient buckets, IKeyClient keys, ILogger<DestinationReader> logger)
{
    /// <summary>What the trail's bucket and key look like now.</summary>
    public async Task<TrailDestination> ReadAsync(TrailInfo trail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trail);
        var account = trail.OwnerAccountId;
        var bucket = trail.S3BucketName ?? "";
        var notVerified = new List<DestinationNotVerified>();

        var location = await TryAsync(DestinationPart.Bucket, "GetBucketLocation", $"bucket {bucket}", account, notVerified,
            () => buckets.GetRegionAsync(account, trail.HomeRegion, bucket, cancellationToken), cancellationToken).ConfigureAwait(false);
        bool? found = location.Succeeded ? location.Value is not null : null;

        Task<Attempt<string?>>? policy = null;
        Task<Attempt<IReadOnlyList<LifecycleRule>>>? lifecycle = null;
        if (location.Value is { } bucketRegion)
        {
            policy = TryAsync(DestinationPart.Policy, "GetBucketPolicy", $"bucket {bucket}", account, notVerified,
                () => buckets.GetPolicyAsync(account, bucketRegion, bucket, cancellationToken), cancellationToken);
            lifecycle = TryAsync(DestinationPart.Lifecycle, "GetBucketLifecycleConfiguration", $"bucket {bucket}", account, notVerified,
                () => buckets.GetLifecycleRulesAsync(account, bucketRegion, bucket, cancellationToken), cancellationToken);
        }

        Task<Attempt<DestinationKey>>? key = null;
        if (trail.KmsKeyId is { Length: > 0 } keyId)
        {
            key = TryAsync(DestinationPart.Key, "DescribeKey", $"KMS key {keyId}", account, notVerified,
                () => keys.DescribeAsync(account, RegionOfKey(keyId, trail.HomeRegion), keyId, cancellationToken), cancellationToken);
        }

        var policyRead = policy is null ? default : await policy.ConfigureAwait(false);
        var lifecycleRead = lifecycle is null ? default : await lifecycle.ConfigureAwait(false);
        var keyRead = key is null ? default : await key.ConfigureAwait(false);
        return new TrailDestination(
            bucket,
            trail.S3KeyPrefix,
            trail.KmsKeyId,
            found,
            policyRead.Value,
            lifecycleRead.Succeeded ? lifecycleRead.Value : null,
            keyRead.Value,
            notVerified.OrderBy(n => n.Part).ToList());
    }

    // A key ARN names its region; a bare id or alias lives where the trail does.
    private static string RegionOfKey(string keyId, string home) =>
        keyId.StartsWith("arn:", StringComparison.Ordinal) && keyId.Split(':') is { Length: > 3 } parts && parts[3].Length > 0 ? parts[3] : home;

    private async Task<Attempt<T>> TryAsync<T>(
        DestinationPart part, string operation, string what, string account, List<DestinationNotVerified> notVerified, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return new Attempt<T>(await call().ConfigureAwait(false), true);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Whatever went wrong (denied, no role to assume, throttled past retries, unreachable), the part is unread.
            var code = exception is AwsServiceException aws ? aws.ErrorCode : exception.GetType().Name;
            var reason = $"{operation} on {what} as account {account}: {code}: {exception.Message}";
            LogNotVerified(operation, what, account, code);
            lock (notVerified)
            {
                notVerified.Add(new DestinationNotVerified(part, reason));
            }

            return default;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} on {What} as account {AccountId} failed ({Code}): that part of the destination is not verified")]
    private partial void LogNotVerified(string operation, string what, string accountId, string code);

    private readonly record struct Attempt<T>(T? Value, bool Succeeded);
}
