using DriftWatch.Core.Monitoring;

namespace DriftWatch.Pipeline.Messages;

/// <summary>A CloudTrail API call that may have changed an account's coverage was seen on the queue.</summary>
public sealed record CloudTrailChangeObserved(TriggerEvent Event);
