namespace DriftWatch.Core.Monitoring;

/// <summary>
/// A CloudTrail API call that prompted an evaluation: who did what, where, from where. A trigger, never the truth.
/// Actor, user agent and trail name come from whoever made the call: store them as given, render them inert.
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
    string? TrailName);
