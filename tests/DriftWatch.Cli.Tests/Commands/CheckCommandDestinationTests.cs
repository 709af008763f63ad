using System.Text.Json;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;
using MotoAccount = DriftWatch.Cli.Tests.Support.MotoAccount;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>
/// `driftwatch check` reads the trail's destination afresh in moto (whose S3 and KMS keep policies, lifecycle rules
/// and key states): a broken bucket, policy or key fails with a reason naming it; a short lifecycle rule is a
/// retention shortfall that still passes; a destination DriftWatch cannot read is a warning and a pass.
/// </summary>
public sealed class CheckCommandDestinationTests(MotoFixture moto) : MotoTest(moto)
{
    private const string Trail = "org-audit";
    private const string Bucket = MotoAccount.Bucket;

    [Fact]
    public async Task ShowsTheDestinationAsOkWhenTheBucketHasTheDocumentedPolicy()
    {
        await Account.TrailAsync(Trail);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 0, "pass");

        var destination = Destination(verdict);
        Assert.Equal(Bucket, destination.GetProperty("bucket").GetString());
        Assert.Equal("ok", destination.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, destination.GetProperty("key").ValueKind);
        Assert.Empty(destination.GetProperty("problems").EnumerateArray());
        Assert.Empty(verdict.GetProperty("warnings").EnumerateArray());
        // GetBucketLocation, GetBucketPolicy, GetBucketLifecycleConfiguration: no key, no DescribeKey.
        Assert.Equal(3, verdict.GetProperty("destinationCalls").GetInt32());
    }

    [Fact]
    public async Task FailsWhenTheBucketIsDeletedAndSaysHowToMakeItAgain()
    {
        await Account.TrailAsync(Trail);
        await Account.CloudTrail.DeleteBucketAsync(Bucket);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        Assert.Equal("broken", Destination(verdict).GetProperty("status").GetString());
        Assert.False(verdict.GetProperty("trails")[0].GetProperty("covers").GetBoolean());
        VerdictAssert.AnyContains(verdict, "reasons", $"{Trail}: logs cannot be delivered: bucket {Bucket} does not exist");
        VerdictAssert.AnyContains(verdict, "remediation", $"aws s3api create-bucket --bucket {Bucket} --region us-east-1");
        VerdictAssert.AnyContains(verdict, "remediation", $"aws s3api put-bucket-policy --bucket {Bucket}");
    }

    [Fact]
    public async Task FailsWhenThePolicyDeniesCloudTrailsWrite()
    {
        await Account.TrailAsync(Trail);
        var denying = CloudTrailDriver.CloudTrailBucketPolicy(Bucket, MotoAccount.Id).Replace(
            "]}", $$""",{"Sid":"NoLogs","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::{{Bucket}}/*"}]}""",
            StringComparison.Ordinal);
        await Account.CloudTrail.PutBucketPolicyAsync(Bucket, denying);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        VerdictAssert.AnyContains(verdict, "reasons", $"the policy of bucket {Bucket} denies cloudtrail.amazonaws.com s3:PutObject");
        VerdictAssert.AnyContains(verdict, "reasons", "'NoLogs'");
        Assert.Contains("denies", Destination(verdict).GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsWhenThePolicyNoLongerAllowsCloudTrailToWrite()
    {
        await Account.TrailAsync(Trail);
        await Account.CloudTrail.PutBucketPolicyAsync(Bucket, $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
             "Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::{{Bucket}}"}]}
            """);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        VerdictAssert.AnyContains(
            verdict, "reasons", $"the policy of bucket {Bucket} does not allow cloudtrail.amazonaws.com s3:PutObject on arn:aws:s3:::{Bucket}/AWSLogs/{MotoAccount.Id}/*");
    }

    [Fact]
    public async Task FailsWhenTheTrailsKeyIsDisabledAndSaysHowToEnableIt()
    {
        await Account.TrailAsync(Trail);
        var key = await Account.CloudTrail.CreateKeyAsync("us-east-1");
        await Account.CloudTrail.UpdateTrailKeyAsync(Trail, "us-east-1", key);
        await Account.CloudTrail.DisableKeyAsync(key, "us-east-1");

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        Assert.Equal(key, Destination(verdict).GetProperty("key").GetString());
        VerdictAssert.AnyContains(verdict, "reasons", $"KMS key {key} is disabled");
        VerdictAssert.AnyContains(verdict, "remediation", $"aws kms enable-key --key-id {key} --region us-east-1");
        Assert.Equal(4, verdict.GetProperty("destinationCalls").GetInt32());
    }

    [Fact]
    public async Task FailsWhenTheTrailsKeyIsPendingDeletionAndSaysHowToCancelIt()
    {
        await Account.TrailAsync(Trail);
        var key = await Account.CloudTrail.CreateKeyAsync("us-east-1");
        await Account.CloudTrail.UpdateTrailKeyAsync(Trail, "us-east-1", key);
        await Account.CloudTrail.ScheduleKeyDeletionAsync(key, "us-east-1");

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        VerdictAssert.AnyContains(verdict, "reasons", $"KMS key {key} is pending deletion");
        VerdictAssert.AnyContains(verdict, "remediation", $"aws kms cancel-key-deletion --key-id {key} --region us-east-1");
    }

    [Fact]
    public async Task PassesWithAnEnabledKey()
    {
        await Account.TrailAsync(Trail);
        var key = await Account.CloudTrail.CreateKeyAsync("us-east-1");
        await Account.CloudTrail.UpdateTrailKeyAsync(Trail, "us-east-1", key);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 0, "pass");

        Assert.Equal("ok", Destination(verdict).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ShowsTheRetentionShortfallOfAOneDayLifecycleRuleAndStillPasses()
    {
        await Account.TrailAsync(Trail);
        await Account.CloudTrail.PutExpirationRuleAsync(Bucket, "purge-daily", days: 1);

        var result = await Account.CheckAsync("us-east-1", "--output", "json");
        var verdict = VerdictAssert.Is(result, 0, "pass");

        var shortfall = Assert.Single(verdict.GetProperty("retention").EnumerateArray());
        Assert.Equal(Trail, shortfall.GetProperty("trail").GetString());
        Assert.Equal(Bucket, shortfall.GetProperty("bucket").GetString());
        Assert.Equal("purge-daily", shortfall.GetProperty("rule").GetString());
        Assert.Equal(1, shortfall.GetProperty("expirationDays").GetInt32());
        Assert.Equal(365, shortfall.GetProperty("minimumDays").GetInt32());
    }

    [Fact]
    public async Task TakesTheMinimumRetentionFromTheSetting()
    {
        await Account.TrailAsync(Trail);
        await Account.CloudTrail.PutExpirationRuleAsync(Bucket, "quarterly", days: 90);

        var lenient = VerdictAssert.Is(
            await Account.CheckAsync("us-east-1", new Dictionary<string, string> { ["DriftWatch__Evaluation__MinimumRetentionDays"] = "30" }, "--output", "json"), 0, "pass");
        var strict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 0, "pass");

        Assert.Empty(lenient.GetProperty("retention").EnumerateArray());
        Assert.Equal(90, Assert.Single(strict.GetProperty("retention").EnumerateArray()).GetProperty("expirationDays").GetInt32());
    }

    [Fact]
    public async Task ABadMinimumRetentionExits64NamingTheSetting()
    {
        var result = await Account.CheckAsync("us-east-1", new Dictionary<string, string> { ["DriftWatch__Evaluation__MinimumRetentionDays"] = "-1" });

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("DriftWatch:Evaluation:MinimumRetentionDays", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarnsAndPassesWhenTheDestinationCannotBeRead()
    {
        await Account.TrailAsync(Trail);
        // S3 at its own endpoint (AWS_ENDPOINT_URL_S3), refusing DriftWatch as a bucket in an account it has no access to would.
        await using var deniedS3 = new LoopbackHttpServer((_, _) => Task.FromResult(LoopbackReply.Text(
            403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "application/xml")));

        var result = await Account.CheckAsync(
            "us-east-1", new Dictionary<string, string> { ["AWS_ENDPOINT_URL_S3"] = deniedS3.Endpoint.ToString().TrimEnd('/') }, "--output", "json");
        var verdict = VerdictAssert.Is(result, 0, "pass");

        Assert.Equal("not-verified", Destination(verdict).GetProperty("status").GetString());
        VerdictAssert.AnyContains(verdict, "warnings", $"trail {Trail}: destination not verified: GetBucketLocation on bucket {Bucket} as account {MotoAccount.Id}: AccessDenied");
        Assert.Empty(verdict.GetProperty("errors").EnumerateArray());
        Assert.NotEmpty(deniedS3.Requests);
    }

    [Fact]
    public async Task TheTextViewShowsTheDestinationWarningsAndRetention()
    {
        await Account.TrailAsync(Trail);
        await Account.CloudTrail.PutExpirationRuleAsync(Bucket, "purge-daily", days: 1);

        var result = await Account.CheckAsync("us-east-1", new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "400" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Destination", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Bucket}: ok", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Retention:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("lifecycle rule 'purge-daily' deletes log objects after 1 days", result.Stdout, StringComparison.Ordinal);
    }

    private static JsonElement Destination(JsonElement verdict) => verdict.GetProperty("trails")[0].GetProperty("destination");
}
