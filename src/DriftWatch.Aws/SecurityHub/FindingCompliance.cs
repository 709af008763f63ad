namespace DriftWatch.Aws.SecurityHub;

/// <summary>ASFF Compliance: Status is PASSED, WARNING, FAILED or NOT_AVAILABLE; requirements name the frameworks' controls.</summary>
public sealed record FindingCompliance(string Status, IReadOnlyList<string>? RelatedRequirements = null);
