using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Text;

namespace DriftWatch.Core.Monitoring;

/// <summary>
/// What an integrity incident says: each retention shortfall as a reason (the bucket, the rule and its days), and the
/// aws s3api commands that fix it (lengthen the rule, or remove the bucket's lifecycle). Coverage is not its business:
/// the trails and the status are the verdict's own.
/// </summary>
public static class IntegrityVerdict
{
    /// <summary>The verdict summary an integrity incident is opened with.</summary>
    public static VerdictSummary Of(VerdictSummary coverage, IReadOnlyList<RetentionShortfall> shortfalls)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(shortfalls);
        var reasons = shortfalls.Select(s =>
            $"bucket {s.Bucket} of trail {InertText.Of(s.TrailName, 128)}: lifecycle rule '{InertText.Of(s.RuleId, 255)}' deletes log objects after {s.ExpirationDays} days, under the required {s.MinimumDays}")
            .ToList();
        var remediation = shortfalls
            .GroupBy(s => s.Bucket, StringComparer.Ordinal)
            .SelectMany(bucket => Commands(bucket.Key, bucket.ToList()))
            .ToList();
        return coverage with { Reasons = reasons, Remediation = remediation };
    }

    private static IEnumerable<string> Commands(string bucket, IReadOnlyList<RetentionShortfall> shortfalls)
    {
        if (!IsBucketName(bucket))
        {
            yield return $"# bucket {InertText.Of(bucket, 63)} is no S3 bucket name: check its lifecycle in the S3 console";
            yield break;
        }

        // The bucket name is S3's (lower-case letters, digits, dots, hyphens); the rule id is the bucket owner's text
        // and is never put into a command, only into a comment, made inert.
        var minimum = shortfalls.Max(s => s.MinimumDays);
        var rules = string.Join(", ", shortfalls.Select(s => $"'{InertText.Of(s.RuleId, 255)}'"));
        yield return $"# bucket {bucket}: lengthen rule {rules} to expire log objects after {minimum} days or more (keep the bucket's other rules)";
        yield return $"aws s3api get-bucket-lifecycle-configuration --bucket {bucket} > lifecycle.json";
        yield return $"aws s3api put-bucket-lifecycle-configuration --bucket {bucket} --lifecycle-configuration file://lifecycle.json";
        yield return "# or remove every lifecycle rule of the bucket";
        yield return $"aws s3api delete-bucket-lifecycle --bucket {bucket}";
    }

    private static bool IsBucketName(string bucket) =>
        bucket.Length is >= 3 and <= 63 && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');
}
