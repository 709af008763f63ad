using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Tests.Evaluation;

/// <summary>
/// A bucket policy judged for CloudTrail's write to <c>[prefix/]AWSLogs/111111111111/</c> of bucket "logs" on behalf of
/// trail "main": an Allow must reach every log object, a Deny any of them, and an aws:SourceArn or aws:SourceAccount
/// condition must name this trail and account.
/// </summary>
public sealed class BucketPolicyEvaluatorTests
{
    private const string Account = "111111111111";
    private const string Trail = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";
    private const string CloudTrail = """{"Service":"cloudtrail.amazonaws.com"}""";
    private const string OwnLogs = "arn:aws:s3:::logs/AWSLogs/111111111111/*";

    private static readonly LogWrite Write = new("aws", "logs", LogWrite.LogPrefix(null, Account), Trail, Account);

    [Fact]
    public void AnAllowOnTheTrailsPrefixLetsCloudTrailWrite() =>
        Assert.True(Judge(Allow(OwnLogs)).AllowsWrite);

    [Theory]
    [InlineData("arn:aws:s3:::logs/*")]
    [InlineData("arn:aws:s3:::logs/AWSLogs/*")]
    [InlineData("arn:aws:s3:::logs/AWSLogs/11111111111?/*")]
    [InlineData("arn:aws:s3:::*")]
    public void AWildcardResourceThatReachesEveryLogObjectLetsCloudTrailWrite(string resource) =>
        Assert.True(Judge(Allow(resource)).AllowsWrite);

    [Theory]
    [InlineData("\"s3:Put*\"")]
    [InlineData("\"S3:PUTOBJECT\"")]
    [InlineData("[\"s3:GetBucketAcl\",\"s3:PutObject\"]")]
    [InlineData("\"*\"")]
    public void ActionsMatchWithWildcardsAndWithoutCase(string action) =>
        Assert.True(Judge(Statement("Allow", CloudTrail, action, $"\"{OwnLogs}\"")).AllowsWrite);

    [Fact]
    public void AStatementGivenAsOneObjectRatherThanAListCounts() =>
        Assert.True(BucketPolicyEvaluator.Evaluate(
            $$"""{"Version":"2012-10-17","Statement":{{Allow(OwnLogs)}}}""", Write).AllowsWrite);

    [Fact]
    public void AnAllowOnlyForAnotherAccountsPrefixIsNoAllow()
    {
        var result = Judge(Allow("arn:aws:s3:::logs/AWSLogs/222222222222/*"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(DestinationProblemKind.PolicyDoesNotAllow, problem.Kind);
        Assert.Contains("bucket logs does not allow cloudtrail.amazonaws.com s3:PutObject on arn:aws:s3:::logs/AWSLogs/111111111111/*", problem.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAllowOnASubfolderOfTheLogsIsNoAllowForAllOfThem() =>
        Assert.Equal(DestinationProblemKind.PolicyDoesNotAllow, Assert.Single(Judge(Allow("arn:aws:s3:::logs/AWSLogs/111111111111/CloudTrail/us-east-1/*")).Problems).Kind);

    [Fact]
    public void APolicyGrantingOnlyGetBucketAclIsNoAllow() =>
        Assert.Equal(
            DestinationProblemKind.PolicyDoesNotAllow,
            Assert.Single(Judge(Statement("Allow", CloudTrail, "\"s3:GetBucketAcl\"", "\"arn:aws:s3:::logs\"")).Problems).Kind);

    [Fact]
    public void AnAllowToAnotherPrincipalIsNoAllowForCloudTrail() =>
        Assert.Equal(
            DestinationProblemKind.PolicyDoesNotAllow,
            Assert.Single(Judge(Statement("Allow", """{"AWS":"arn:aws:iam::111111111111:root"}""", "\"s3:PutObject\"", $"\"{OwnLogs}\"")).Problems).Kind);

    [Fact]
    public void AnExplicitDenyToEveryoneOnTheBucketWinsOverTheAllowAndIsNamedBySid()
    {
        var result = Judge(Allow(OwnLogs), Statement("Deny", "\"*\"", "\"s3:*\"", "\"arn:aws:s3:::logs/*\"", sid: "LockDown"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(DestinationProblemKind.PolicyDenies, problem.Kind);
        Assert.Contains("denies cloudtrail.amazonaws.com s3:PutObject", problem.Why, StringComparison.Ordinal);
        Assert.Contains("'LockDown'", problem.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void ADenyOnPartOfTheLogsIsEnoughToBreakDelivery() =>
        Assert.Equal(
            DestinationProblemKind.PolicyDenies,
            Assert.Single(Judge(Allow(OwnLogs), Statement("Deny", CloudTrail, "\"s3:PutObject\"", "\"arn:aws:s3:::logs/AWSLogs/111111111111/CloudTrail/eu-west-1/*\"")).Problems).Kind);

    [Fact]
    public void ADenyByNotActionThatLeavesPutObjectOutDeniesIt() =>
        Assert.Equal(
            DestinationProblemKind.PolicyDenies,
            Assert.Single(Judge(Allow(OwnLogs), """{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}""").Problems).Kind);

    [Fact]
    public void ADenyOnAnotherAccountsPrefixLeavesTheTrailsLogsAlone() =>
        Assert.True(Judge(Allow(OwnLogs), Statement("Deny", "\"*\"", "\"s3:PutObject\"", "\"arn:aws:s3:::logs/AWSLogs/222222222222/*\"")).AllowsWrite);

    [Fact]
    public void ADenyOfInsecureTransportDoesNotStopCloudTrail() =>
        Assert.True(Judge(
            Allow(OwnLogs),
            Statement("Deny", "\"*\"", "\"s3:*\"", "\"arn:aws:s3:::logs/*\"", condition: """{"Bool":{"aws:SecureTransport":"false"}}""")).AllowsWrite);

    [Fact]
    public void ADenyToEveryTrailButThisOneLeavesThisOneWriting() =>
        Assert.True(Judge(
            Allow(OwnLogs),
            Statement("Deny", CloudTrail, "\"s3:PutObject\"", "\"arn:aws:s3:::logs/*\"", condition: Condition("StringNotEquals", "aws:SourceArn", Trail))).AllowsWrite);

    [Fact]
    public void ADenyToEveryTrailButAnotherDeniesThisOne() =>
        Assert.Equal(
            DestinationProblemKind.PolicyDenies,
            Assert.Single(Judge(
                Allow(OwnLogs),
                Statement("Deny", CloudTrail, "\"s3:PutObject\"", "\"arn:aws:s3:::logs/*\"", condition: """{"StringNotEquals":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:111111111111:trail/other"}}""")).Problems).Kind);

    [Fact]
    public void AnAllowConditionedOnThisTrailsArnLetsItWrite() =>
        Assert.True(Judge(Allow(OwnLogs, "{\"StringEquals\":{\"aws:SourceArn\":\"" + Trail + "\",\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}")).AllowsWrite);

    [Fact]
    public void AnAllowConditionedOnAnotherTrailsArnIsNoAllowAndNamesIt()
    {
        const string other = "arn:aws:cloudtrail:us-east-1:111111111111:trail/other";
        var result = Judge(Allow(OwnLogs, Condition("StringEquals", "aws:SourceArn", other)));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(DestinationProblemKind.PolicyNamesAnother, problem.Kind);
        Assert.Contains($"aws:SourceArn {other}", problem.Why, StringComparison.Ordinal);
        Assert.Contains($"not trail {Trail}", problem.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAllowConditionedOnAnotherAccountIsNoAllowAndNamesIt()
    {
        var result = Judge(Allow(OwnLogs, """{"StringEquals":{"aws:SourceAccount":"222222222222"}}"""));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(DestinationProblemKind.PolicyNamesAnother, problem.Kind);
        Assert.Contains("aws:SourceAccount 222222222222", problem.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAllowConditionedOnAnArnPatternThatMatchesThisTrailLetsItWrite() =>
        Assert.True(Judge(Allow(OwnLogs, """{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:111111111111:trail/*"}}""")).AllowsWrite);

    [Fact]
    public void TheTrailsKeyPrefixComesBeforeAwsLogs()
    {
        var prefixed = Write with { ObjectPrefix = LogWrite.LogPrefix("audit/", Account) };

        Assert.Equal("audit/AWSLogs/111111111111/", prefixed.ObjectPrefix);
        Assert.True(BucketPolicyEvaluator.Evaluate(Policy(Allow("arn:aws:s3:::logs/audit/AWSLogs/111111111111/*")), prefixed).AllowsWrite);
        Assert.False(BucketPolicyEvaluator.Evaluate(Policy(Allow(OwnLogs)), prefixed).AllowsWrite);
        Assert.False(Judge(Allow("arn:aws:s3:::logs/audit/AWSLogs/111111111111/*")).AllowsWrite);
    }

    [Fact]
    public void AnOrganizationTrailMayWriteUnderItsOrganizationsPath()
    {
        var policy = Policy(Allow("arn:aws:s3:::logs/AWSLogs/o-abcdefghij/*"));

        Assert.True(BucketPolicyEvaluator.Evaluate(policy, Write, organizationTrail: true).AllowsWrite);
        Assert.False(BucketPolicyEvaluator.Evaluate(policy, Write).AllowsWrite);
    }

    [Fact]
    public void ADocumentThatIsNotAPolicyIsUnreadableRatherThanBroken()
    {
        var result = BucketPolicyEvaluator.Evaluate("{not json", Write);

        Assert.NotNull(result.Unreadable);
        Assert.Empty(result.Problems);
        Assert.False(result.AllowsWrite);
    }

    private static string Condition(string op, string key, string value) => "{\"" + op + "\":{\"" + key + "\":\"" + value + "\"}}";

    private static BucketPolicyResult Judge(params string[] statements) => BucketPolicyEvaluator.Evaluate(Policy(statements), Write);

    private static string Policy(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static string Allow(string resource, string? condition = null) =>
        Statement("Allow", CloudTrail, "\"s3:PutObject\"", $"\"{resource}\"", condition: condition);

    private static string Statement(string effect, string principal, string action, string resource, string? sid = null, string? condition = null) =>
        $$"""{{{(sid is null ? "" : $"\"Sid\":\"{sid}\",")}}"Effect":"{{effect}}","Principal":{{principal}},"Action":{{action}},"Resource":{{resource}}{{(condition is null ? "" : $",\"Condition\":{condition}")}}}""";
}
