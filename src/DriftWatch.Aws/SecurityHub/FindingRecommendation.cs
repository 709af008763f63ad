namespace DriftWatch.Aws.SecurityHub;

/// <summary>ASFF Remediation.Recommendation: Text is at most 512 characters.</summary>
public sealed record FindingRecommendation(string Text, string? Url = null);
