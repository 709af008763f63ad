using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Tests.Builders;
using DriftWatch.Core.Trails;
using static DriftWatch.Core.Tests.Builders.Selectors;

namespace DriftWatch.Core.Tests.Evaluation;

public sealed class RemediationAdvisorTests
{
    private const string PutAllSelectors =
        "aws cloudtrail put-event-selectors --trail-name main --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]' --region eu-west-1";

    private static IReadOnlyList<string> Advise(params TrailBuilder[] trails) =>
        RemediationAdvisor.For(trails.Select(t => TrailAssessor.Assess(t.Build())).ToList(), AccountBuilder.Region);

    private static IReadOnlyList<string> Commands(IReadOnlyList<string> lines) => lines.Where(l => !l.StartsWith('#')).ToList();

    [Fact]
    public void WithNoTrailItCreatesAMultiRegionTrailAndStartsIt()
    {
        var commands = Commands(Advise());

        Assert.Equal(
            [
                "aws cloudtrail create-trail --name management-events --s3-bucket-name <your-log-bucket> --is-multi-region-trail --region us-east-1",
                "aws cloudtrail start-logging --name management-events --region us-east-1",
            ],
            commands);
    }

    [Fact]
    public void WithOnlyUnreadableTrailsItCreatesATrail()
    {
        Assert.Contains(Advise(TrailBuilder.Passing("org").Unreadable()), l => l.StartsWith("aws cloudtrail create-trail", StringComparison.Ordinal));
    }

    [Fact]
    public void AStoppedTrailIsStartedInItsHomeRegion()
    {
        Assert.Equal(
            ["aws cloudtrail start-logging --name main --region eu-west-1"],
            Commands(Advise(TrailBuilder.Passing().HomedIn("eu-west-1").NotLogging())));
    }

    [Fact]
    public void ASingleRegionTrailIsMadeMultiRegionInItsHomeRegion()
    {
        Assert.Equal(
            ["aws cloudtrail update-trail --name main --is-multi-region-trail --region eu-west-1"],
            Commands(Advise(TrailBuilder.Passing().HomedIn("eu-west-1").SingleRegion())));
    }

    [Fact]
    public void NarrowSelectorsAreReplacedWithReadWriteTypeAllAndTheReaderIsWarned()
    {
        var lines = Advise(TrailBuilder.Passing().HomedIn("eu-west-1").WithBasic(Basic(ReadWriteType.All, Kms)));

        Assert.Equal([PutAllSelectors], Commands(lines));
        Assert.Contains(lines, l => l.StartsWith("# this replaces the trail's selectors", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryGapOfOneTrailGetsItsCommand()
    {
        var commands = Commands(Advise(
            TrailBuilder.Passing().HomedIn("eu-west-1").SingleRegion().NotLogging().WithAdvanced(Management(ReadOnly(true)))));

        Assert.Equal(
            [
                "aws cloudtrail update-trail --name main --is-multi-region-trail --region eu-west-1",
                PutAllSelectors,
                "aws cloudtrail start-logging --name main --region eu-west-1",
            ],
            commands);
    }

    [Fact]
    public void TheTrailClosestToPassingIsTheOneFixed()
    {
        var commands = Commands(Advise(
            TrailBuilder.Passing("far").SingleRegion().NotLogging().WithBasic(BasicDataOnly()),
            TrailBuilder.Passing("close").NotLogging()));

        Assert.Equal(["aws cloudtrail start-logging --name close --region us-east-1"], commands);
    }

    [Fact]
    public void AFailingDeliveryPointsAtTheTrailsBucketPolicy()
    {
        var lines = Advise(TrailBuilder.Passing().WithDelivery(null, null, "AccessDenied"));

        Assert.Contains("aws s3api get-bucket-policy --bucket main-logs", lines);
        Assert.Contains(lines, l => l.StartsWith("# log delivery fails (AccessDenied)", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOrganizationTrailSaysWhichAccountMustRunTheCommands()
    {
        var lines = Advise(TrailBuilder.Passing("org").OrganizationTrailOf(AccountBuilder.OtherAccountId).NotLogging());

        Assert.Contains($"# org is an organization trail owned by account {AccountBuilder.OtherAccountId}: run these there", lines);
        Assert.Contains("aws cloudtrail start-logging --name org --region us-east-1", lines);
    }

    [Fact]
    public void PassAndErrorVerdictsCarryNoRemediation()
    {
        var pass = ComplianceEvaluator.Evaluate(AccountBuilder.WithOnly(TrailBuilder.Passing()), AccountBuilder.Now);
        var error = ComplianceEvaluator.Evaluate(new AccountBuilder().DescribeTrailsFailed().Build(), AccountBuilder.Now);

        Assert.Equal(ComplianceStatus.Pass, pass.Status);
        Assert.Empty(pass.Remediation);
        Assert.Equal(ComplianceStatus.Error, error.Status);
        Assert.Empty(error.Remediation);
    }
}
