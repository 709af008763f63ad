namespace DriftWatch.Core.Monitoring;

/// <summary>
/// A CloudTrail API call that prompted an evaluation: who did what, where, from where. A trigger, never the truth.
/// Actor, user agent and trail name come from whoever made the call: store them as given, render them inert.
/// ErrorCode is set when AWS refused the call (AccessDenied...): it changed nothing, but someone tried. BucketName and
/// KeyId name the S3 bucket or KMS key an S3 or KMS call was about.
/// </summary>
public sealed record TriggerEvent(
    string EventName,
    string EventId,
    DateTimeOffset? EventTime,
    string Region,
    string AccountId,
    string? ActorArn,
    string? ActorType,
    string? SourceIp,
    string? UserAgent,
    string? TrailName,
    string? ErrorCode = null,
    string? BucketName = null,
    string? KeyId = null);
