using System.Globalization;
using System.Text.Json.Nodes;
using DriftWatch.Aws.EventBridge;

namespace DriftWatch.Testing;

/// <summary>
/// The "AWS API Call via CloudTrail" record AWS puts on EventBridge when a trail changes. moto emits none of its own,
/// so tests, the bench and the campaign make the real change and then publish this.
/// </summary>
public static class CloudTrailEvent
{
    /// <summary>EventBridge source of CloudTrail records.</summary>
    public const string Source = "aws.cloudtrail";

    /// <summary>EventBridge detail-type of CloudTrail management API calls.</summary>
    public const string DetailType = "AWS API Call via CloudTrail";

    /// <summary>The detail of a call made in an account; the actor defaults to user mallory of that account.</summary>
    public static JsonObject Detail(
        string eventName,
        string region,
        string trailName,
        string account,
        string eventId,
        DateTimeOffset? time = null,
        string? actor = null,
        string sourceIp = "203.0.113.7",
        string userAgent = "aws-cli/2.15.0") => new()
    {
        ["eventVersion"] = "1.09",
        ["eventSource"] = "cloudtrail.amazonaws.com",
        ["eventName"] = eventName,
        ["awsRegion"] = region,
        ["eventID"] = eventId,
        ["eventTime"] = (time ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["recipientAccountId"] = account,
        ["sourceIPAddress"] = sourceIp,
        ["userAgent"] = userAgent,
        ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["arn"] = actor ?? $"arn:aws:iam::{account}:user/mallory", ["accountId"] = account },
        ["requestParameters"] = new JsonObject { ["name"] = trailName },
    };

    /// <summary>The PutEvents entry for a detail, on the default bus.</summary>
    public static EventEntry Entry(JsonObject detail) => new(Source, DetailType, detail.ToJsonString());
}
