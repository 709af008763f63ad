namespace DriftWatch.Core.Monitoring;

/// <summary>A region's forwarder rule as EventBridge describes it: its state, its event pattern (JSON) and where it sends.</summary>
public sealed record ForwarderRule(string Name, string? State, string? EventPattern, IReadOnlyList<string> TargetArns);
