using DriftWatch.Worker.Heartbeat;

namespace DriftWatch.Worker.Messages;

/// <summary>A heartbeat came back through a forwarder onto the queue. Answered with <see cref="HeartbeatRecorded"/>.</summary>
public sealed record HeartbeatObserved(HeartbeatEvent Heartbeat);
