using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Tests.Builders;
using DriftWatch.Core.Trails;
using static DriftWatch.Core.Tests.Builders.Selectors;

namespace DriftWatch.Core.Tests.Evaluation;

/// <summary>
/// The product rule as one table: at least one single trail is multi-region, logging, delivering and records read and
/// write management events from every source; an AWS error that leaves the verdict open is Error, never Fail.
/// </summary>
public sealed class ComplianceEvaluatorTests
{
    private static readonly IReadOnlyList<EvaluationCase> All =
    [
        new("a multi-region trail with a basic All selector passes",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithBasic(Basic(ReadWriteType.All))),
            ComplianceStatus.Pass, "trail main (home us-east-1) logs read and write management events in every region")
        { Covers = { ["main"] = true } },

        new("a basic ReadOnly selector alone misses writes",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithBasic(Basic(ReadWriteType.ReadOnly))),
            ComplianceStatus.Fail, "main: does not record write management events in full")
        { Covers = { ["main"] = false }, Remediation = "\"ReadWriteType\":\"All\"" },

        new("a basic WriteOnly selector alone misses reads",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithBasic(Basic(ReadWriteType.WriteOnly))),
            ComplianceStatus.Fail, "main: does not record read management events in full")
        { Covers = { ["main"] = false }, Remediation = "put-event-selectors --trail-name main" },

        new("basic ReadOnly plus WriteOnly in two selectors of one trail pass",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithBasic(Basic(ReadWriteType.ReadOnly), Basic(ReadWriteType.WriteOnly))),
            ComplianceStatus.Pass, "trail main")
        { Covers = { ["main"] = true } },

        new("read on trail A and write on trail B is not a pass",
            new AccountBuilder().With(
                TrailBuilder.Passing("trail-a").WithBasic(Basic(ReadWriteType.ReadOnly)),
                TrailBuilder.Passing("trail-b").WithBasic(Basic(ReadWriteType.WriteOnly))).Build(),
            ComplianceStatus.Fail, "no multi-region trail is logging read and write management events")
        { Covers = { ["trail-a"] = false, ["trail-b"] = false }, Remediation = "put-event-selectors" },

        new("a basic selector with IncludeManagementEvents false does not count",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithBasic(BasicDataOnly())),
            ComplianceStatus.Fail, "main: records no management events")
        { Covers = { ["main"] = false }, Remediation = "\"IncludeManagementEvents\":true" },

        new("excluding kms.amazonaws.com from management events fails and names the source",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithBasic(Basic(ReadWriteType.All, Kms))),
            ComplianceStatus.Fail, "main: management events from kms.amazonaws.com are excluded")
        { Covers = { ["main"] = false }, Remediation = "put-event-selectors" },

        new("excluding rdsdata.amazonaws.com from management events fails and names the source",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithBasic(Basic(ReadWriteType.All, RdsData))),
            ComplianceStatus.Fail, "main: management events from rdsdata.amazonaws.com are excluded")
        { Covers = { ["main"] = false }, Remediation = "put-event-selectors" },

        new("an advanced Management selector without readOnly records reads and writes",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithAdvanced(Management())),
            ComplianceStatus.Pass, "trail main")
        { Covers = { ["main"] = true } },

        new("an advanced readOnly true selector alone misses writes",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithAdvanced(Management(ReadOnly(true)))),
            ComplianceStatus.Fail, "main: does not record write management events in full")
        { Covers = { ["main"] = false }, Remediation = "put-event-selectors" },

        new("advanced readOnly true and readOnly false selectors of one trail pass",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithAdvanced(Management(ReadOnly(true)), Management(ReadOnly(false)))),
            ComplianceStatus.Pass, "trail main")
        { Covers = { ["main"] = true } },

        new("an advanced selector on data events only does not count",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithAdvanced(DataEvents())),
            ComplianceStatus.Fail, "main: records no management events")
        { Covers = { ["main"] = false }, Remediation = "put-event-selectors" },

        new("an advanced eventSource NotEquals on management events fails and names the source",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithAdvanced(Management(IsNot("eventSource", Kms)))),
            ComplianceStatus.Fail, "main: management events from kms.amazonaws.com are excluded")
        { Covers = { ["main"] = false }, Remediation = "put-event-selectors" },

        new("empty selectors as read back are the AWS default of all management events and pass",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithNoSelectors()),
            ComplianceStatus.Pass, "trail main")
        { Covers = { ["main"] = true } },

        new("a single-region trail fails and is made multi-region in its home region",
            AccountBuilder.WithOnly(TrailBuilder.Passing().HomedIn("eu-west-1").SingleRegion()),
            ComplianceStatus.Fail, "main: records only its home region eu-west-1")
        { Covers = { ["main"] = false }, Remediation = "aws cloudtrail update-trail --name main --is-multi-region-trail --region eu-west-1" },

        new("a trail that is not logging fails and is started in its home region",
            AccountBuilder.WithOnly(TrailBuilder.Passing().HomedIn("eu-west-1").NotLogging(AccountBuilder.Now.AddHours(-2))),
            ComplianceStatus.Fail, "main: logging is stopped (since 2026-03-01T10:00:00Z)")
        { Covers = { ["main"] = false }, Remediation = "aws cloudtrail start-logging --name main --region eu-west-1" },

        new("a trail whose log delivery fails does not cover and says since when and why",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithDelivery("2026-03-01T11:00:00Z", "2026-02-27T09:00:00Z", "AccessDenied")),
            ComplianceStatus.Fail, "main: log delivery is failing since 2026-02-27T09:00:00Z: AccessDenied")
        { Covers = { ["main"] = false }, Remediation = "get-bucket-policy" },

        new("a delivery error without a later success does not cover",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithDelivery(null, null, "NoSuchBucket")),
            ComplianceStatus.Fail, "main: log delivery is failing: NoSuchBucket")
        { Covers = { ["main"] = false }, Remediation = "get-bucket-policy" },

        new("unknown delivery (attempt time set, success empty, no error) is not failing",
            AccountBuilder.WithOnly(TrailBuilder.Passing().WithDelivery("2026-03-01T11:00:00Z", "")),
            ComplianceStatus.Pass, "trail main")
        { Covers = { ["main"] = true } },

        new("an organization trail owned by another account covers the account when it passes",
            AccountBuilder.WithOnly(TrailBuilder.Passing("org").OrganizationTrailOf(AccountBuilder.OtherAccountId)),
            ComplianceStatus.Pass, "trail org (home us-east-1)")
        { Covers = { ["org"] = true } },

        new("an unreadable organization trail and nothing else could not be evaluated",
            AccountBuilder.WithOnly(TrailBuilder.Passing("org").OrganizationTrailOf(AccountBuilder.OtherAccountId).Unreadable()),
            ComplianceStatus.Error, "org: could not evaluate: GetTrailStatus")
        { Covers = { ["org"] = false }, Errors = 2 },

        new("an unreadable trail beside a failing trail is an error, never a fail",
            new AccountBuilder().With(
                TrailBuilder.Passing("org").OrganizationTrailOf(AccountBuilder.OtherAccountId).Unreadable(),
                TrailBuilder.Passing("main").NotLogging()).Build(),
            ComplianceStatus.Error, "main: logging is stopped")
        { Covers = { ["org"] = false, ["main"] = false }, Errors = 2 },

        new("an unreadable single-region trail cannot make the account pass, so a failing account still fails",
            new AccountBuilder().With(
                TrailBuilder.Passing("regional").SingleRegion().Unreadable(),
                TrailBuilder.Passing("main").NotLogging()).Build(),
            ComplianceStatus.Fail, "main: logging is stopped")
        { Covers = { ["regional"] = false, ["main"] = false }, Errors = 2, Remediation = "start-logging" },

        new("an unreadable trail beside a passing trail passes and lists the error",
            new AccountBuilder().With(
                TrailBuilder.Passing("org").OrganizationTrailOf(AccountBuilder.OtherAccountId).Unreadable(),
                TrailBuilder.Passing("main")).Build(),
            ComplianceStatus.Pass, "trail main")
        { Covers = { ["org"] = false, ["main"] = true }, Errors = 2 },

        new("DescribeTrails failing could not be evaluated",
            new AccountBuilder().DescribeTrailsFailed().Build(),
            ComplianceStatus.Error, "could not list the account's trails: DescribeTrails")
        { Errors = 1 },

        new("an account with no trail fails and is told to create and start one",
            new AccountBuilder().Build(),
            ComplianceStatus.Fail, "the account has no trail")
        { Remediation = "aws cloudtrail create-trail --name management-events --s3-bucket-name <your-log-bucket> --is-multi-region-trail --region us-east-1" },
    ];

    public static TheoryData<string> Cases => new(All.Select(c => c.Description));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluates(string description)
    {
        var @case = All.Single(c => c.Description == description);

        var verdict = ComplianceEvaluator.Evaluate(@case.Snapshot, AccountBuilder.Now);

        Assert.Equal(@case.Status, verdict.Status);
        Assert.Equal(AccountBuilder.AccountId, verdict.AccountId);
        Assert.Contains(verdict.Reasons, r => r.Contains(@case.ReasonFragment, StringComparison.Ordinal));
        Assert.Equal(
            @case.Covers.OrderBy(kv => kv.Key, StringComparer.Ordinal),
            verdict.Trails.Select(t => KeyValuePair.Create(t.Trail.Name, t.Covers)).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(@case.Errors, verdict.Errors.Count);
        Assert.Null(verdict.Exception);
        if (@case.Status == ComplianceStatus.Fail)
        {
            Assert.Contains(verdict.Remediation, line => line.Contains(@case.Remediation!, StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(verdict.Remediation);
        }
    }

    /// <summary>One row: a snapshot, the verdict it must get, and a fragment of the reasons that explain it.</summary>
    private sealed record EvaluationCase(string Description, AccountSnapshot Snapshot, ComplianceStatus Status, string ReasonFragment)
    {
        /// <summary>Each trail's expected Covers, by name.</summary>
        public Dictionary<string, bool> Covers { get; } = [];

        /// <summary>A fragment of one remediation line; required for Fail rows.</summary>
        public string? Remediation { get; init; }

        /// <summary>How many read errors the verdict lists.</summary>
        public int Errors { get; init; }

        public override string ToString() => Description;
    }
}
