using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Messages;

/// <summary>
/// A CloudTrail API call that may have changed an account's coverage was seen on the queue; QueuedAt is when it
/// entered the queue, when known. Answered with <see cref="AccountEvaluated"/>.
/// </summary>
public sealed record CloudTrailChangeObserved(TriggerEvent Event, DateTimeOffset? QueuedAt = null);
