namespace DriftWatch.Core.Monitoring;

/// <summary>Why an account was evaluated: CloudTrail events (one or several, coalesced) or the periodic sweep.</summary>
public sealed record EvaluationCause(string Kind, IReadOnlyList<TriggerEvent> Events)
{
    /// <summary>Kind of a cause carried by events.</summary>
    public const string EventKind = "event";

    /// <summary>Kind of a cause found by the periodic sweep.</summary>
    public const string SweepKind = "sweep";

    /// <summary>The periodic sweep, which catches what events miss.</summary>
    public static EvaluationCause Sweep { get; } = new(SweepKind, []);

    /// <summary>The events that share one evaluation.</summary>
    public static EvaluationCause FromEvents(IReadOnlyList<TriggerEvent> events) =>
        events.Count == 0 ? Sweep : new EvaluationCause(EventKind, events);

    /// <summary>The event most likely to have caused a change: the last one, by event time.</summary>
    public TriggerEvent? LatestEvent() => Events.OrderBy(e => e.EventTime ?? DateTimeOffset.MinValue).LastOrDefault();
}
