namespace DriftWatch.Aws.SecurityHub;

/// <summary>ASFF FindingProviderFields: how a provider states severity and types after the finding exists.</summary>
public sealed record FindingProviderFields(FindingSeverity? Severity, IReadOnlyList<string>? Types);
