namespace DriftWatch.Core.Monitoring;

/// <summary>
/// The one list of AWS calls DriftWatch listens for, by EventBridge source. The regional forwarder's pattern, the
/// parser, confirmation reads, denied attempts and the forwarder check in the sweep all read it, so a call added here
/// is added everywhere (infra/check.sh compares the templates with it).
/// </summary>
public static class MonitoredCalls
{
    /// <summary>The detail-type EventBridge gives management events recorded by CloudTrail.</summary>
    public const string ApiCallDetailType = "AWS API Call via CloudTrail";

    /// <summary>The source of DriftWatch's own heartbeat events: custom, never aws.*.</summary>
    public const string HeartbeatSource = "driftwatch.heartbeat";

    /// <summary>The detail-type of DriftWatch's heartbeat events.</summary>
    public const string HeartbeatDetailType = "DriftWatch Heartbeat";

    /// <summary>Trail configuration: what turns logging on, off, wider or narrower.</summary>
    public static IReadOnlyList<string> CloudTrail { get; } =
        ["StopLogging", "StartLogging", "DeleteTrail", "CreateTrail", "UpdateTrail", "PutEventSelectors"];

    /// <summary>S3 calls that can break a log bucket (or mend one).</summary>
    public static IReadOnlyList<string> S3 { get; } =
        ["DeleteBucket", "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketLifecycle", "DeleteBucketLifecycle", "PutBucketAcl"];

    /// <summary>KMS calls that can make a trail's key unusable (or usable again).</summary>
    public static IReadOnlyList<string> Kms { get; } =
        ["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy", "EnableKey", "CancelKeyDeletion"];

    /// <summary>Organizations calls that take an account out of an organization trail. They arrive in us-east-1 only.</summary>
    public static IReadOnlyList<string> Organizations { get; } = ["LeaveOrganization", "RemoveAccountFromOrganization"];

    /// <summary>EventBridge calls that can blind DriftWatch's forwarder rules.</summary>
    public static IReadOnlyList<string> EventBridge { get; } = ["DisableRule", "DeleteRule", "RemoveTargets", "PutRule"];

    /// <summary>CloudFormation calls that can remove or change DriftWatch's stacks.</summary>
    public static IReadOnlyList<string> CloudFormation { get; } = ["DeleteStack", "UpdateStack"];

    /// <summary>Event names by EventBridge source, as the forwarder's pattern lists them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> BySource { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["aws.cloudtrail"] = CloudTrail,
        ["aws.s3"] = S3,
        ["aws.kms"] = Kms,
        ["aws.organizations"] = Organizations,
        ["aws.events"] = EventBridge,
        ["aws.cloudformation"] = CloudFormation,
    };

    private static readonly HashSet<string> Restoring = new(StringComparer.Ordinal)
    {
        "StartLogging", "CreateTrail", "DeleteBucketLifecycle", "EnableKey", "CancelKeyDeletion",
    };

    /// <summary>True for a call of the list that can take coverage, delivery or DriftWatch's own view away.</summary>
    public static bool CanReduceCoverage(string eventName) =>
        !Restoring.Contains(eventName) && BySource.Values.Any(names => names.Contains(eventName, StringComparer.Ordinal));

    /// <summary>True for an S3 or KMS call: it is about a trail's destination, so destinations are read afresh.</summary>
    public static bool IsDestinationCall(string eventName) =>
        S3.Contains(eventName, StringComparer.Ordinal) || Kms.Contains(eventName, StringComparer.Ordinal);
}
