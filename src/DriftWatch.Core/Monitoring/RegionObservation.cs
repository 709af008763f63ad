namespace DriftWatch.Core.Monitoring;

/// <summary>Something the worker learned about a region's forwarder, which <see cref="RegionWatchDecider"/> folds into its watch.</summary>
public abstract record RegionObservation(EvaluationCause Cause)
{
    /// <summary>Kind of a cause that is a heartbeat: its arrival, or its absence.</summary>
    public const string HeartbeatKind = "heartbeat";

    /// <summary>The time passed: is the heartbeat overdue?</summary>
    public sealed record Due() : RegionObservation(new EvaluationCause(HeartbeatKind, []));

    /// <summary>A heartbeat sent at <paramref name="SentAt"/> came back through the forwarder.</summary>
    public sealed record HeartbeatArrived(DateTimeOffset SentAt) : RegionObservation(new EvaluationCause(HeartbeatKind, []));

    /// <summary>The forwarder rule was read (by the sweep, or because an event said it changed).</summary>
    public sealed record ForwarderVerified(ForwarderCheck Check, EvaluationCause VerifiedBy) : RegionObservation(VerifiedBy);
}
