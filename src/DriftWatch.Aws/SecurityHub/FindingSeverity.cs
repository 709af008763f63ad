namespace DriftWatch.Aws.SecurityHub;

/// <summary>ASFF Severity: Label is INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL.</summary>
public sealed record FindingSeverity(string Label);
