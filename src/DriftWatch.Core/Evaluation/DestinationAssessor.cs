using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// Judges what was read of a trail's destination: the bucket exists, its policy lets CloudTrail write the trail's
/// prefix, the KMS key (when the trail names one) is enabled, and no lifecycle rule deletes logs sooner than the
/// required retention. A part that could not be read is judged not at all: it is "not verified".
/// </summary>
public static class DestinationAssessor
{
    /// <summary>The retention DriftWatch requires of log objects unless configured otherwise (DriftWatch:Evaluation:MinimumRetentionDays).</summary>
    public const int DefaultMinimumRetentionDays = 365;

    /// <summary>Assesses the destination read for <paramref name="trail"/>.</summary>
    public static DestinationAssessment Assess(TrailInfo trail, TrailDestination destination, int minimumRetentionDays = DefaultMinimumRetentionDays)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(destination);
        var bucket = destination.Bucket;
        var problems = new List<DestinationProblem>();
        var notVerified = destination.NotVerified.Select(n => n.Reason).ToList();
        var retention = new List<RetentionShortfall>();

        if (destination.BucketFound == false)
        {
            problems.Add(new DestinationProblem(DestinationProblemKind.BucketMissing, $"bucket {bucket} does not exist"));
        }
        else if (destination.BucketFound == true)
        {
            if (!destination.IsUnverified(DestinationPart.Policy))
            {
                Policy();
            }

            if (destination.Lifecycle is { } rules)
            {
                retention.AddRange(Shortfalls(trail, destination, rules, minimumRetentionDays));
            }
        }

        if (destination.Key is { } key)
        {
            problems.AddRange(KeyProblems(key));
        }

        return new DestinationAssessment(bucket, destination.KeyPrefix, destination.KmsKeyId, problems, notVerified, retention);

        void Policy()
        {
            if (destination.Policy is null)
            {
                problems.Add(new DestinationProblem(DestinationProblemKind.NoPolicy, $"bucket {bucket} has no bucket policy, so {LogWrite.Principal} may not write to it"));
                return;
            }

            var write = new LogWrite(PartitionOf(trail.Arn), bucket, LogWrite.LogPrefix(destination.KeyPrefix, trail.OwnerAccountId), trail.Arn, trail.OwnerAccountId);
            var result = BucketPolicyEvaluator.Evaluate(destination.Policy, write, trail.IsOrganization);
            problems.AddRange(result.Problems);
            if (result.Unreadable is { } why)
            {
                notVerified.Add(why);
            }
        }
    }

    private static IEnumerable<DestinationProblem> KeyProblems(DestinationKey key)
    {
        if (!key.Found)
        {
            yield return new DestinationProblem(DestinationProblemKind.KeyMissing, $"KMS key {key.KeyId} does not exist");
            yield break;
        }

        switch (key.State)
        {
            case DestinationKey.Enabled:
                yield break;
            case "Disabled":
                yield return new DestinationProblem(DestinationProblemKind.KeyDisabled, $"KMS key {key.KeyId} is disabled");
                break;
            case DestinationKey.PendingDeletion:
                var when = key.DeletionDate is { } date ? $" (deleted on {date:yyyy-MM-dd})" : "";
                yield return new DestinationProblem(DestinationProblemKind.KeyPendingDeletion, $"KMS key {key.KeyId} is pending deletion{when}");
                break;
            default:
                yield return new DestinationProblem(DestinationProblemKind.KeyUnusable, $"KMS key {key.KeyId} is {key.State ?? "in an unknown state"}, not Enabled");
                break;
        }
    }

    // A rule applies to the logs when its prefix and the trail's log prefix overlap (one starts with the other).
    private static IEnumerable<RetentionShortfall> Shortfalls(TrailInfo trail, TrailDestination destination, IReadOnlyList<LifecycleRule> rules, int minimumDays)
    {
        // An organization trail writes members under AWSLogs/<organization id>/, which the trail does not name.
        var logs = trail.IsOrganization
            ? LogWrite.KeyPrefixPath(destination.KeyPrefix) + "AWSLogs/"
            : LogWrite.LogPrefix(destination.KeyPrefix, trail.OwnerAccountId);
        return rules
            .Where(r => r is { Enabled: true, TagFiltered: false, ExpirationDays: { } days } && days < minimumDays)
            .Where(r => logs.StartsWith(r.Prefix, StringComparison.Ordinal) || r.Prefix.StartsWith(logs, StringComparison.Ordinal))
            .Select(r => new RetentionShortfall(trail.Name, destination.Bucket, r.Id, r.ExpirationDays!.Value, minimumDays));
    }

    private static string PartitionOf(string arn) => arn.Split(':') is { Length: > 1 } parts && parts[1].Length > 0 ? parts[1] : "aws";
}
