namespace DriftWatch.Aws.SecurityHub;

/// <summary>ASFF Remediation.</summary>
public sealed record FindingRemediation(FindingRecommendation Recommendation);
