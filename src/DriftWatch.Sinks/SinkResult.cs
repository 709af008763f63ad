namespace DriftWatch.Sinks;

/// <summary>What one sink made of a notice: accepted, or refused with a reason that never holds a URL or secret.</summary>
public sealed record SinkResult(string? Failure)
{
    /// <summary>The sink took the notice (or had nothing to do, like a webhook that is not configured).</summary>
    public static SinkResult Accepted { get; } = new((string?)null);

    /// <summary>True when the sink took the notice.</summary>
    public bool Delivered => Failure is null;

    /// <summary>The sink did not take the notice; it stays in the outbox.</summary>
    public static SinkResult Refused(string reason) => new(reason);
}
