namespace DriftWatch.Aws.Http;

/// <summary>What the JSON 1.1 caller needs to know about a service; values come from the botocore service models.</summary>
internal sealed record AwsService(string Name, string EndpointPrefix, string SigningName, string TargetPrefix, string EnvironmentKey)
{
    public static AwsService CloudTrail { get; } = new(
        "CloudTrail", "cloudtrail", "cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", "CLOUDTRAIL");

    public static AwsService EventBridge { get; } = new("EventBridge", "events", "events", "AWSEvents", "EVENTBRIDGE");

    /// <summary>A query-protocol service (no JSON target); called in the caller's region, as current SDKs do.</summary>
    public static AwsService Sts { get; } = new("STS", "sts", "sts", "", "STS");

    /// <summary>Global service: one endpoint, signed for us-east-1 in the aws partition.</summary>
    public static AwsService Organizations { get; } = new(
        "Organizations", "organizations", "organizations", "AWSOrganizationsV20161128", "ORGANIZATIONS");
}
