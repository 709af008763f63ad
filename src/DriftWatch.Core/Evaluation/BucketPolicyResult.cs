namespace DriftWatch.Core.Evaluation;

/// <summary>
/// What a bucket policy means for CloudTrail's write: the problems (none when it may write), or, when the document
/// cannot be read as a policy, why (DriftWatch then says "not verified", not "broken").
/// </summary>
public sealed record BucketPolicyResult(IReadOnlyList<DestinationProblem> Problems, string? Unreadable = null)
{
    /// <summary>True when CloudTrail may write the trail's logs.</summary>
    public bool AllowsWrite => Unreadable is null && Problems.Count == 0;
}
