using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Tests.Builders;
using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Tests.Evaluation;

/// <summary>
/// A trail that otherwise covers, judged on what was read of its destination: a broken one fails the account and says
/// which bucket or key and what is wrong; one DriftWatch could not read is a warning and a pass; a lifecycle rule
/// that deletes logs too soon is a retention shortfall that leaves coverage alone.
/// </summary>
public sealed class DestinationAssessorTests
{
    private const string Key = "arn:aws:kms:eu-west-1:111111111111:key/0b7e6c1e-1111-4a4a-9a9a-000000000001";

    [Fact]
    public void ABucketWithTheDocumentedPolicyAndAnEnabledKeyPasses()
    {
        var verdict = Evaluate(TrailBuilder.Passing().EncryptedWith(Key).WithDestination());

        Assert.Equal(ComplianceStatus.Pass, verdict.Status);
        Assert.Equal(DestinationStatus.Ok, verdict.Trails[0].Destination!.Status);
        Assert.Empty(verdict.Warnings);
        Assert.Empty(verdict.Retention);
    }

    [Fact]
    public void ADeletedBucketFailsAndTheFixCreatesItWithTheDocumentedPolicy()
    {
        var verdict = Evaluate(TrailBuilder.Passing().HomedIn("eu-west-1").WithDestination(d => d with { BucketFound = false, Policy = null, Lifecycle = null }));

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Equal("no multi-region trail that logs read and write management events can deliver its logs", verdict.Reasons[0]);
        Assert.Contains("main: logs cannot be delivered: bucket main-logs does not exist", verdict.Reasons);
        Assert.Contains("aws s3api create-bucket --bucket main-logs --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1", verdict.Remediation);
        var put = Assert.Single(verdict.Remediation, c => c.StartsWith("aws s3api put-bucket-policy --bucket main-logs --policy '", StringComparison.Ordinal));
        Assert.Contains("arn:aws:s3:::main-logs/AWSLogs/111111111111/*", put, StringComparison.Ordinal);
        Assert.Contains("\"aws:SourceArn\":\"arn:aws:cloudtrail:eu-west-1:111111111111:trail/main\"", put, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSuggestedPolicyIsOneTheEvaluatorAccepts()
    {
        var trail = TrailBuilder.Passing().WithKeyPrefix("audit");
        var put = Assert.Single(
            Evaluate(trail.WithDestination(d => d with { Policy = null })).Remediation,
            c => c.StartsWith("aws s3api put-bucket-policy", StringComparison.Ordinal));
        var policy = put[(put.IndexOf('\'', StringComparison.Ordinal) + 1)..put.LastIndexOf('\'')];

        Assert.Equal(ComplianceStatus.Pass, Evaluate(trail.WithDestination(d => d with { Policy = policy })).Status);
    }

    [Fact]
    public void ABucketWithoutAPolicyFails()
    {
        var verdict = Evaluate(TrailBuilder.Passing().WithDestination(d => d with { Policy = null }));

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Contains("main: logs cannot be delivered: bucket main-logs has no bucket policy, so cloudtrail.amazonaws.com may not write to it", verdict.Reasons);
    }

    [Fact]
    public void APolicyThatDeniesCloudTrailFailsAndTheFixSaysToDropTheDeny()
    {
        var trail = TrailBuilder.Passing();
        var denying = trail.DocumentedPolicy().Replace(
            "]}", """,{"Sid":"NoWrites","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::main-logs/*"}]}""", StringComparison.Ordinal);
        var verdict = Evaluate(trail.WithDestination(d => d with { Policy = denying }));

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Contains(verdict.Reasons, r => r.Contains("the policy of bucket main-logs denies cloudtrail.amazonaws.com s3:PutObject", StringComparison.Ordinal));
        Assert.Contains(verdict.Remediation, c => c.Contains("drop that statement", StringComparison.Ordinal));
        Assert.Contains(verdict.Remediation, c => c.StartsWith("aws s3api put-bucket-policy --bucket main-logs", StringComparison.Ordinal));
    }

    [Fact]
    public void ADisabledKeyFailsAndTheFixEnablesItInItsRegion()
    {
        var verdict = Evaluate(TrailBuilder.Passing().EncryptedWith(Key).WithDestination(d => d with { Key = new DestinationKey(Key, true, "Disabled") }));

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Contains($"main: logs cannot be delivered: KMS key {Key} is disabled", verdict.Reasons);
        Assert.Equal([$"aws kms enable-key --key-id {Key} --region eu-west-1"], verdict.Remediation.Where(c => c.StartsWith("aws kms", StringComparison.Ordinal)));
    }

    [Fact]
    public void AKeyPendingDeletionFailsAndTheFixCancelsTheDeletionThenEnablesIt()
    {
        var deletion = new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero);
        var verdict = Evaluate(TrailBuilder.Passing().EncryptedWith(Key).WithDestination(d => d with { Key = new DestinationKey(Key, true, DestinationKey.PendingDeletion, deletion) }));

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Contains($"main: logs cannot be delivered: KMS key {Key} is pending deletion (deleted on 2026-03-08)", verdict.Reasons);
        Assert.Equal(
            [$"aws kms cancel-key-deletion --key-id {Key} --region eu-west-1", $"aws kms enable-key --key-id {Key} --region eu-west-1"],
            verdict.Remediation.Where(c => c.StartsWith("aws kms", StringComparison.Ordinal)));
    }

    [Fact]
    public void AKeyKmsDoesNotKnowFailsAndTheFixGivesTheTrailAnotherKey()
    {
        var verdict = Evaluate(TrailBuilder.Passing().EncryptedWith(Key).WithDestination(d => d with { Key = new DestinationKey(Key, false, null) }));

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Contains($"main: logs cannot be delivered: KMS key {Key} does not exist", verdict.Reasons);
        Assert.Contains(verdict.Remediation, c => c.StartsWith("aws cloudtrail update-trail --name main --kms-key-id", StringComparison.Ordinal));
    }

    [Fact]
    public void ADestinationThatCouldNotBeReadIsAWarningAndAPassNeverCouldNotEvaluate()
    {
        var verdict = Evaluate(TrailBuilder.Passing().WithDestination(d => d with
        {
            BucketFound = null,
            Policy = null,
            Lifecycle = null,
            NotVerified = [new DestinationNotVerified(DestinationPart.Bucket, "GetBucketLocation on bucket main-logs as account 111111111111: AccessDenied: denied")],
        }));

        Assert.Equal(ComplianceStatus.Pass, verdict.Status);
        Assert.Equal(DestinationStatus.NotVerified, verdict.Trails[0].Destination!.Status);
        Assert.Equal(["trail main: destination not verified: GetBucketLocation on bucket main-logs as account 111111111111: AccessDenied: denied"], verdict.Warnings);
        Assert.Empty(verdict.Errors);
    }

    [Fact]
    public void AnUnreadPolicyIsNotJudgedButTheKeyStillIs()
    {
        var verdict = Evaluate(TrailBuilder.Passing().EncryptedWith(Key).WithDestination(d => d with
        {
            Policy = null,
            Key = new DestinationKey(Key, true, "Disabled"),
            NotVerified = [new DestinationNotVerified(DestinationPart.Policy, "GetBucketPolicy: AccessDenied")],
        }));

        var destination = verdict.Trails[0].Destination!;
        Assert.Equal(DestinationProblemKind.KeyDisabled, Assert.Single(destination.Problems).Kind);
        Assert.Single(verdict.Warnings);
    }

    [Fact]
    public void ALifecycleRuleExpiringLogsAfterOneDayIsARetentionShortfallAndTheTrailStillCovers()
    {
        var verdict = Evaluate(TrailBuilder.Passing().WithDestination(d => d with { Lifecycle = [new LifecycleRule("purge", true, 1, "")] }));

        Assert.Equal(ComplianceStatus.Pass, verdict.Status);
        Assert.True(verdict.Trails[0].Covers);
        Assert.Equal([new RetentionShortfall("main", "main-logs", "purge", 1, 365)], verdict.Retention);
    }

    [Theory]
    [InlineData(true, 400, "", false, false)]
    [InlineData(false, 1, "", false, false)]
    [InlineData(true, 1, "tmp/", false, false)]
    [InlineData(true, 1, "", true, false)]
    [InlineData(true, 1, "AWSLogs/", false, true)]
    [InlineData(true, 1, "AWSLogs/111111111111/CloudTrail/", false, true)]
    [InlineData(true, 364, "AWSLogs/111111111111/", false, true)]
    public void ARuleFallsShortOnlyWhenEnabledUntaggedOnTheLogPrefixAndUnderTheMinimum(bool enabled, int days, string prefix, bool tagged, bool shortfall)
    {
        var verdict = Evaluate(TrailBuilder.Passing().WithDestination(d => d with { Lifecycle = [new LifecycleRule("rule", enabled, days, prefix, tagged)] }));

        Assert.Equal(shortfall, verdict.Retention.Count == 1);
    }

    [Fact]
    public void TheMinimumRetentionIsTheCallers()
    {
        var snapshot = AccountBuilder.WithOnly(TrailBuilder.Passing().WithDestination(d => d with { Lifecycle = [new LifecycleRule("rule", true, 90, "")] }));

        Assert.Empty(ComplianceEvaluator.Evaluate(snapshot, AccountBuilder.Now, minimumRetentionDays: 30).Retention);
        var shortfall = Assert.Single(ComplianceEvaluator.Evaluate(snapshot, AccountBuilder.Now, minimumRetentionDays: 91).Retention);
        Assert.Equal((90, 91), (shortfall.ExpirationDays, shortfall.MinimumDays));
    }

    [Fact]
    public void ABrokenDestinationIsDriftAndNotVerifiedLooksLikeOk()
    {
        var ok = Fingerprint(TrailBuilder.Passing().WithDestination());
        var notVerified = Fingerprint(TrailBuilder.Passing().WithDestination(d => d with
        {
            BucketFound = null,
            Policy = null,
            NotVerified = [new DestinationNotVerified(DestinationPart.Bucket, "throttled")],
        }));
        var unread = Fingerprint(TrailBuilder.Passing());
        var broken = Fingerprint(TrailBuilder.Passing().WithDestination(d => d with { BucketFound = false }));

        Assert.Equal(ok, notVerified);
        Assert.Equal(ok, unread);
        Assert.NotEqual(ok, broken);
    }

    [Fact]
    public void AStoredSummaryKeepsTheDestinationProblem()
    {
        var verdict = Evaluate(TrailBuilder.Passing().WithDestination(d => d with { BucketFound = false }));

        Assert.Equal("bucket main-logs does not exist", VerdictSummary.Of(verdict).Trails[0].DestinationProblem);
    }

    private static Verdict Evaluate(TrailBuilder trail) => ComplianceEvaluator.Evaluate(AccountBuilder.WithOnly(trail), AccountBuilder.Now);

    private static string Fingerprint(TrailBuilder trail) => VerdictSummary.Of(Evaluate(trail)).Fingerprint;
}
