namespace DriftWatch.Core.Evaluation;

/// <summary>
/// A lifecycle rule on a trail's log bucket expires log objects after ExpirationDays, sooner than the MinimumDays
/// DriftWatch requires: the logs exist today but will not be there for an investigation.
/// </summary>
public sealed record RetentionShortfall(string TrailName, string Bucket, string RuleId, int ExpirationDays, int MinimumDays)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"bucket {Bucket} of trail {TrailName}: lifecycle rule '{RuleId}' deletes log objects after {ExpirationDays} days, under the required {MinimumDays}";
}
