namespace DriftWatch.Aws.EventBridge;

/// <summary>A rule as DescribeRule answers: its state (ENABLED, DISABLED...) and its event pattern, a JSON document as text.</summary>
public sealed record EventRule(string Name, string? Arn, string? State, string? EventPattern, string? EventBusName);
