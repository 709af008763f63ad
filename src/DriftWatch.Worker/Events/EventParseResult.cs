using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Events;

/// <summary>A queue message read as a CloudTrail API-call event, or the reason it is not one.</summary>
public sealed record EventParseResult(TriggerEvent? Event, string? Rejection)
{
    /// <summary>A usable event.</summary>
    public static EventParseResult Accepted(TriggerEvent e) => new(e, null);

    /// <summary>A message that belongs in the dead-letter queue, and why.</summary>
    public static EventParseResult Rejected(string reason) => new(null, reason);
}
