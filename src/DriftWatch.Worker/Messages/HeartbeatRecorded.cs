namespace DriftWatch.Worker.Messages;

/// <summary>The answer to <see cref="HeartbeatObserved"/>: recorded as an arrival, or refused (a token DriftWatch did not issue).</summary>
public sealed record HeartbeatRecorded(bool Accepted);
