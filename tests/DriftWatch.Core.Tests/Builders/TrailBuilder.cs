using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Tests.Builders;

/// <summary>
/// Builds one trail as the reader would have read it. Starts from a trail that passes on its own
/// (multi-region, logging, all management events, delivering); each method takes one thing away.
/// </summary>
public sealed class TrailBuilder
{
    private readonly string name;
    private readonly List<ReadError> errors = [];
    private string owner = AccountBuilder.AccountId;
    private string homeRegion = AccountBuilder.Region;
    private bool multiRegion = true;
    private bool organization;
    private TrailStatus? status = new(IsLogging: true);
    private EventSelectors? selectors = new([BasicEventSelector.AllManagementEvents], []);
    private string? keyPrefix;
    private string? kmsKeyId;
    private Func<TrailDestination, TrailDestination>? destination;

    private TrailBuilder(string name) => this.name = name;

    /// <summary>The trail's ARN, as DescribeTrails reports it.</summary>
    public string Arn => $"arn:aws:cloudtrail:{homeRegion}:{owner}:trail/{name}";

    /// <summary>A trail that passes on its own.</summary>
    public static TrailBuilder Passing(string name = "main") => new(name);

    public TrailBuilder HomedIn(string region)
    {
        homeRegion = region;
        return this;
    }

    public TrailBuilder SingleRegion()
    {
        multiRegion = false;
        return this;
    }

    public TrailBuilder OrganizationTrailOf(string ownerAccountId)
    {
        organization = true;
        owner = ownerAccountId;
        return this;
    }

    public TrailBuilder NotLogging(DateTimeOffset? stoppedAt = null)
    {
        status = (status ?? new TrailStatus(false)) with { IsLogging = false, StopLoggingTime = stoppedAt };
        return this;
    }

    public TrailBuilder WithDelivery(string? attempt, string? succeeded, string? error = null)
    {
        status = (status ?? new TrailStatus(true)) with
        {
            LatestDeliveryAttemptTime = attempt,
            LatestDeliveryAttemptSucceeded = succeeded,
            LatestDeliveryError = error,
        };
        return this;
    }

    public TrailBuilder WithBasic(params BasicEventSelector[] basic)
    {
        selectors = new EventSelectors(basic, []);
        return this;
    }

    public TrailBuilder WithAdvanced(params AdvancedEventSelector[] advanced)
    {
        selectors = new EventSelectors([], advanced);
        return this;
    }

    /// <summary>GetEventSelectors returned no selector of either kind (what moto does for a new trail).</summary>
    public TrailBuilder WithNoSelectors()
    {
        selectors = new EventSelectors([], []);
        return this;
    }

    /// <summary>GetTrailStatus and GetEventSelectors both failed: nothing is known about the trail's state.</summary>
    public TrailBuilder Unreadable(string code = "AccessDeniedException")
    {
        status = null;
        selectors = null;
        errors.Add(new ReadError("GetTrailStatus", Arn, homeRegion, code, "not authorized"));
        errors.Add(new ReadError("GetEventSelectors", Arn, homeRegion, code, "not authorized"));
        return this;
    }

    /// <summary>The trail's bucket.</summary>
    public string Bucket => $"{name}-logs";

    public TrailBuilder WithKeyPrefix(string prefix)
    {
        keyPrefix = prefix;
        return this;
    }

    public TrailBuilder EncryptedWith(string keyArn)
    {
        kmsKeyId = keyArn;
        return this;
    }

    /// <summary>
    /// Its destination was read: by default a bucket with the documented CloudTrail policy for this trail, no lifecycle
    /// rule and (when the trail has one) an enabled key; <paramref name="change"/> takes something away.
    /// </summary>
    public TrailBuilder WithDestination(Func<TrailDestination, TrailDestination>? change = null)
    {
        destination = change ?? (d => d);
        return this;
    }

    /// <summary>The documented CloudTrail bucket policy for this trail (aws:SourceArn names it).</summary>
    public string DocumentedPolicy() =>
        """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",
           "Resource":"arn:aws:s3:::<bucket>","Condition":{"StringEquals":{"aws:SourceArn":"<arn>"}}},
          {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",
           "Resource":"arn:aws:s3:::<bucket>/<prefix>AWSLogs/<owner>/*",
           "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control","aws:SourceArn":"<arn>"}}}
        ]}
        """
        .Replace("<bucket>", Bucket, StringComparison.Ordinal)
        .Replace("<arn>", Arn, StringComparison.Ordinal)
        .Replace("<prefix>", keyPrefix is null ? "" : keyPrefix + "/", StringComparison.Ordinal)
        .Replace("<owner>", owner, StringComparison.Ordinal);

    public TrailSnapshot Build()
    {
        var info = new TrailInfo(name, Arn, homeRegion, multiRegion, organization, Bucket, keyPrefix, kmsKeyId);
        var read = destination?.Invoke(new TrailDestination(
            Bucket, keyPrefix, kmsKeyId, true, DocumentedPolicy(), [], kmsKeyId is null ? null : new DestinationKey(kmsKeyId, true, DestinationKey.Enabled), []));
        return new TrailSnapshot(info, status, selectors, errors.ToList()) { Destination = read };
    }
}
