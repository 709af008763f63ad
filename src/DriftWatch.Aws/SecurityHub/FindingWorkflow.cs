namespace DriftWatch.Aws.SecurityHub;

/// <summary>ASFF Workflow: Status is NEW, NOTIFIED, RESOLVED or SUPPRESSED.</summary>
public sealed record FindingWorkflow(string Status);
