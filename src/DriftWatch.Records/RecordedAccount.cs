using DriftWatch.Core.Evaluation;

namespace DriftWatch.Records;

/// <summary>An account DriftWatch has a state for, and that state's status: what a report calls "now".</summary>
public sealed record RecordedAccount(string AccountId, ComplianceStatus Status);
