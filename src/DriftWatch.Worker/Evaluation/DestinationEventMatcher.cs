using DriftWatch.Aws;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Text;
using DriftWatch.Core.Trails;
using DriftWatch.Worker.Events;
using DriftWatch.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Evaluation;

/// <summary>
/// An S3 or KMS call matters only if it is about a bucket or key one of the account's trails delivers to. Buckets and
/// keys are far more numerous than trails, so such an event first costs one DescribeTrails (as the account, through
/// its role, in the region evaluations list trails from): a bucket or key no trail names ends there, with no
/// evaluation and no write; one a trail names is evaluated like any other event. A key named by alias cannot be
/// matched without a KMS lookup, so it counts as a trail's when any trail has a key. When the trails cannot be listed,
/// the event is evaluated: that evaluation then says "could not evaluate" and the message is retried.
/// </summary>
public sealed class DestinationEventMatcher(
    ICloudTrailClient cloudTrail,
    IOptions<EvaluationOptions> evaluation,
    AwsRegionResolver regions,
    ILogger<DestinationEventMatcher> logger)
{
    /// <summary>True when the event could change a trail's destination (or is not a destination call at all).</summary>
    public async Task<bool> ConcernsATrailAsync(TriggerEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!MonitoredCalls.IsDestinationCall(change.EventName) || (change.BucketName is null && change.KeyId is null))
        {
            return true;
        }

        IReadOnlyList<TrailInfo> trails;
        var region = evaluation.Value.Region ?? regions.Resolve();
        try
        {
            trails = await cloudTrail.DescribeTrailsAsync(change.AccountId, region, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AwsServiceException or TimeoutException or HttpRequestException)
        {
            logger.LogWarning(
                "Could not list the trails of account {AccountId} to match {EventName} {EventId} ({Failure}); evaluating it",
                change.AccountId, InertText.Of(change.EventName), InertText.Of(change.EventId), InertText.Of(e.Message));
            return true;
        }

        if (trails.Any(t => Uses(t, change)))
        {
            return true;
        }

        logger.LogDebug(
            "{EventName} {EventId} in account {AccountId} is about bucket {Bucket} / key {Key}, which no trail uses: not evaluated",
            InertText.Of(change.EventName), InertText.Of(change.EventId), change.AccountId, InertText.Of(change.BucketName), InertText.Of(change.KeyId));
        return false;
    }

    private static bool Uses(TrailInfo trail, TriggerEvent change) =>
        (change.BucketName is { } bucket && string.Equals(trail.S3BucketName, bucket, StringComparison.Ordinal))
        || (change.KeyId is { } key && trail.KmsKeyId is { } trailKey && (KeyReference.IsAlias(key) || KeyReference.SameKey(key, trailKey)));
}
