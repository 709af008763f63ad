using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>CloudTrail events as the parser would read them, for tests that need a trigger but no queue.</summary>
public static class Triggers
{
    /// <summary>A StopLogging call in the account, with the given event id.</summary>
    public static TriggerEvent StopLogging(string accountId, string eventId, DateTimeOffset? at = null) => new(
        "StopLogging", eventId, at, "eu-west-1", accountId, "arn:aws:iam::123456789012:user/mallory", "IAMUser", "203.0.113.7", "aws-cli/2.15.0", Drift.Trail);
}
