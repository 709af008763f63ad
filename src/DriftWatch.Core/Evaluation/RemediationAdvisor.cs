using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// The exact aws CLI commands that make the account pass: fix the trail closest to passing, or create one when
/// there is none. Commands run in the trail's home region, where CloudTrail accepts changes to it.
/// </summary>
public static class RemediationAdvisor
{
    /// <summary>Default name for a trail DriftWatch suggests creating.</summary>
    public const string SuggestedTrailName = "management-events";

    /// <summary>Commands (and '#' comment lines) that fix the closest trail.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<TrailAssessment> trails, string region)
    {
        var closest = trails
            .Where(t => !t.CouldNotEvaluate)
            .OrderBy(Gaps)
            .ThenByDescending(t => t.Trail.IsMultiRegion)
            .FirstOrDefault();

        return closest is null ? CreateTrail(region) : Fix(closest);
    }

    private static List<string> CreateTrail(string region) =>
    [
        "# no trail can be fixed: create a multi-region trail (the bucket must allow CloudTrail to write to it)",
        $"aws cloudtrail create-trail --name {SuggestedTrailName} --s3-bucket-name <your-log-bucket> --is-multi-region-trail --region {region}",
        $"aws cloudtrail start-logging --name {SuggestedTrailName} --region {region}",
    ];

    private static List<string> Fix(TrailAssessment closest)
    {
        var trail = closest.Trail;
        var commands = new List<string>();
        var at = $"--region {trail.HomeRegion}";
        if (trail.IsOrganization)
        {
            commands.Add($"# {trail.Name} is an organization trail owned by account {trail.OwnerAccountId}: run these there");
        }

        if (!trail.IsMultiRegion)
        {
            commands.Add($"aws cloudtrail update-trail --name {trail.Name} --is-multi-region-trail {at}");
        }

        if (closest.Coverage?.IsComplete != true)
        {
            commands.Add("# this replaces the trail's selectors: add back any data event selectors it had");
            commands.Add($"aws cloudtrail put-event-selectors --trail-name {trail.Name} --event-selectors '[{{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}}]' {at}");
        }

        if (closest.Delivery is not null)
        {
            commands.Add($"# log delivery fails ({closest.Delivery.Why}): check the bucket exists and its policy lets cloudtrail.amazonaws.com write");
            commands.Add($"aws s3api get-bucket-policy --bucket {trail.S3BucketName ?? "<trail-bucket>"}");
        }

        if (closest.Destination is { Status: DestinationStatus.Broken } destination)
        {
            commands.AddRange(DestinationFix(trail, destination));
        }

        if (closest.Logging != true)
        {
            commands.Add($"aws cloudtrail start-logging --name {trail.Name} {at}");
        }

        return commands;
    }

    // A missing bucket is made again with the documented policy; a policy is replaced by the documented one; a key is
    // re-enabled (a cancelled deletion leaves it disabled) or, when it cannot come back, replaced on the trail.
    private static List<string> DestinationFix(TrailInfo trail, DestinationAssessment destination)
    {
        var commands = new List<string>();
        var bucket = destination.Bucket;
        if (destination.Has(DestinationProblemKind.BucketMissing))
        {
            commands.Add($"# bucket {bucket} does not exist: create it again, then let CloudTrail write to it");
            var location = trail.HomeRegion == "us-east-1" ? "" : $" --create-bucket-configuration LocationConstraint={trail.HomeRegion}";
            commands.Add($"aws s3api create-bucket --bucket {bucket} --region {trail.HomeRegion}{location}");
        }

        if (destination.Has(DestinationProblemKind.BucketMissing, DestinationProblemKind.NoPolicy, DestinationProblemKind.PolicyDoesNotAllow,
                DestinationProblemKind.PolicyNamesAnother, DestinationProblemKind.PolicyDenies))
        {
            if (destination.Has(DestinationProblemKind.PolicyDenies))
            {
                commands.Add($"# the policy of {bucket} denies CloudTrail's write: drop that statement (aws s3api get-bucket-policy --bucket {bucket} shows it)");
            }

            if (!destination.Has(DestinationProblemKind.BucketMissing, DestinationProblemKind.NoPolicy))
            {
                commands.Add("# this replaces the bucket's policy: merge in the other statements it needs");
            }

            var write = new LogWrite(AwsIds.PartitionOf(trail.HomeRegion), bucket, LogWrite.LogPrefix(destination.KeyPrefix, trail.OwnerAccountId), trail.Arn, trail.OwnerAccountId);
            commands.Add($"aws s3api put-bucket-policy --bucket {bucket} --policy '{CloudTrailBucketPolicy.For(write).Replace("'", "'\\''", StringComparison.Ordinal)}'");
        }

        var key = destination.KmsKeyId ?? "";
        var keyRegion = key.StartsWith("arn:", StringComparison.Ordinal) && key.Split(':') is { Length: > 3 } parts ? parts[3] : trail.HomeRegion;
        if (destination.Has(DestinationProblemKind.KeyPendingDeletion))
        {
            commands.Add($"aws kms cancel-key-deletion --key-id {key} --region {keyRegion}");
        }

        if (destination.Has(DestinationProblemKind.KeyPendingDeletion, DestinationProblemKind.KeyDisabled))
        {
            commands.Add($"aws kms enable-key --key-id {key} --region {keyRegion}");
        }

        if (destination.Has(DestinationProblemKind.KeyMissing, DestinationProblemKind.KeyUnusable))
        {
            commands.Add($"# key {key} cannot encrypt: give the trail a usable key whose policy lets {LogWrite.Principal} use it (or \"\" for none)");
            commands.Add($"aws cloudtrail update-trail --name {trail.Name} --kms-key-id <usable-key-arn> --region {trail.HomeRegion}");
        }

        return commands;
    }

    private static int Gaps(TrailAssessment t) =>
        (t.Trail.IsMultiRegion ? 0 : 1)
        + (t.Logging == true ? 0 : 1)
        + (t.Coverage?.IsComplete == true ? 0 : 1)
        + (t.Delivery is null ? 0 : 1)
        + (t.Destination?.Status == DestinationStatus.Broken ? 1 : 0);
}
