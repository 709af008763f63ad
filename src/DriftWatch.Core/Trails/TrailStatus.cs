namespace DriftWatch.Core.Trails;

/// <summary>What GetTrailStatus says about a trail. Empty delivery fields mean "unknown", not "failing".</summary>
public sealed record TrailStatus(
    bool IsLogging,
    string? LatestDeliveryAttemptTime = null,
    string? LatestDeliveryAttemptSucceeded = null,
    string? LatestDeliveryError = null,
    DateTimeOffset? StartLoggingTime = null,
    DateTimeOffset? StopLoggingTime = null);
