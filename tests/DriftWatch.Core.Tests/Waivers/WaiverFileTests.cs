using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Waivers;
using DriftWatch.Core.Tests.Builders;
using DriftWatch.Core.Trails;
using static DriftWatch.Core.Tests.Builders.Selectors;

namespace DriftWatch.Core.Tests.Waivers;

public sealed class WaiverFileTests
{
    private const string Rationale = "Workloads are pinned to the EU by contract";

    private static readonly string Valid = $"""
        # Documented regional exceptions
        [{AccountBuilder.AccountId}]
        regions = eu-west-1, eu-central-1
        rationale = {Rationale}
        compensating-controls = SCP denies every other region; GuardDuty in all regions
        owner = cloud-security@example.com
        expires = 2026-06-30
        """;

    private static Waiver ValidException() =>
        WaiverFile.Parse(Valid).For(AccountBuilder.AccountId, AccountBuilder.Now).Exception!;

    [Fact]
    public void AValidFileYieldsTheAccountsException()
    {
        var file = WaiverFile.Parse(Valid);

        Assert.True(file.IsValid);
        var exception = Assert.Single(file.Exceptions);
        Assert.Equal(
            new Waiver(
                AccountBuilder.AccountId,
                exception.Regions,
                Rationale,
                "SCP denies every other region; GuardDuty in all regions",
                "cloud-security@example.com",
                new DateOnly(2026, 6, 30),
                2),
            exception);
        Assert.Equal(["eu-west-1", "eu-central-1"], exception.Regions);
    }

    [Fact]
    public void WindowsLineEndingsAndUppercaseKeysAreAccepted()
    {
        var file = WaiverFile.Parse(Valid.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("owner", "Owner", StringComparison.Ordinal));

        Assert.True(file.IsValid);
        Assert.Single(file.Exceptions);
    }

    [Fact]
    public void AnEmptyFileHasNoExceptionAndNoProblem()
    {
        var file = WaiverFile.Parse("");

        Assert.True(file.IsValid);
        Assert.Empty(file.Exceptions);
        Assert.Equal((null, null), file.For(AccountBuilder.AccountId, AccountBuilder.Now));
    }

    public static TheoryData<string, string, int, string> Malformed => new()
    {
        { "a setting before any section", "owner = x\n" + Valid, 1, "expected an account section" },
        { "a section header without a 12-digit account", Valid.Replace($"[{AccountBuilder.AccountId}]", "[1234]", StringComparison.Ordinal), 2, "expected a 12-digit account id in brackets, found '[1234]'" },
        { "a line that is not key = value", Valid + "\njust words", 8, "expected 'key = value', found 'just words'" },
        { "an unknown key", Valid + "\nregion = eu-west-1", 8, "unknown key 'region'" },
        { "a key set twice", Valid + "\nowner = someone-else@example.com", 8, "'owner' is set twice" },
        { "an empty value", Valid.Replace($"rationale = {Rationale}", "rationale =", StringComparison.Ordinal), 4, "'rationale' is empty" },
        { "a bad region name", Valid.Replace("eu-central-1", "Frankfurt", StringComparison.Ordinal), 3, "not a region name: Frankfurt" },
        { "a bad expiry date", Valid.Replace("2026-06-30", "30/06/2026", StringComparison.Ordinal), 7, "expires must be a date as yyyy-MM-dd, found '30/06/2026'" },
        { "a section lacking required keys", Valid.Replace("owner = cloud-security@example.com\n", "", StringComparison.Ordinal), 2, "lacks owner" },
        { "a second section for the same account", Valid + "\n" + Valid, 9, $"account {AccountBuilder.AccountId} already has an exception earlier in the file" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void EachMalformedLineIsNamed(string kind, string text, int line, string message)
    {
        var file = WaiverFile.Parse(text);

        Assert.False(file.IsValid, kind);
        Assert.Contains(file.Problems, p => p.Line == line && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Contains(file.Problems, p => p.ToString().StartsWith($"line {line}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void AnExpiredExceptionIsIgnoredWithAWarning()
    {
        var file = WaiverFile.Parse(Valid);

        var (exception, warning) = file.For(AccountBuilder.AccountId, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(exception);
        Assert.Equal(
            $"the exception for account {AccountBuilder.AccountId} (line 2, owner cloud-security@example.com) expired on 2026-06-30 and is ignored",
            warning);
    }

    [Fact]
    public void AnExceptionHoldsUntilTheEndOfItsExpiryDayInUtc()
    {
        var file = WaiverFile.Parse(Valid);

        var (exception, warning) = file.For(AccountBuilder.AccountId, new DateTimeOffset(2026, 7, 1, 1, 59, 0, TimeSpan.FromHours(2)));

        Assert.NotNull(exception);
        Assert.Null(warning);
    }

    [Fact]
    public void AnotherAccountGetsNoExceptionAndNoWarning()
    {
        Assert.Equal((null, null), WaiverFile.Parse(Valid).For(AccountBuilder.OtherAccountId, AccountBuilder.Now));
    }

    [Fact]
    public void UnderAnExceptionTheAccountPassesWhenEveryListedRegionHasALoggingTrailAndTheRationaleIsQuoted()
    {
        var snapshot = new AccountBuilder().With(
            TrailBuilder.Passing("ireland").HomedIn("eu-west-1").SingleRegion(),
            TrailBuilder.Passing("frankfurt").HomedIn("eu-central-1").SingleRegion().WithAdvanced(Management(ReadOnly(true)), Management(ReadOnly(false)))).Build();

        var verdict = ComplianceEvaluator.Evaluate(snapshot, AccountBuilder.Now, ValidException());

        Assert.Equal(ComplianceStatus.Pass, verdict.Status);
        Assert.NotNull(verdict.Exception);
        Assert.Equal(Rationale, verdict.Exception.Rationale);
        Assert.Contains(verdict.Reasons, r => r.Contains("passed under a documented exception", StringComparison.Ordinal) && r.Contains(Rationale, StringComparison.Ordinal));
        Assert.Empty(verdict.Remediation);
    }

    [Fact]
    public void ATrailPassingTheFullRuleNeedsNoException()
    {
        var snapshot = AccountBuilder.WithOnly(TrailBuilder.Passing("org").OrganizationTrailOf(AccountBuilder.OtherAccountId));

        var verdict = ComplianceEvaluator.Evaluate(snapshot, AccountBuilder.Now, ValidException());

        Assert.Equal(ComplianceStatus.Pass, verdict.Status);
        Assert.Null(verdict.Exception);
        Assert.DoesNotContain(verdict.Reasons, r => r.Contains("exception", StringComparison.Ordinal));
    }

    [Fact]
    public void UnderAnExceptionAListedRegionWithoutALoggingTrailFailsAndIsNamed()
    {
        var snapshot = new AccountBuilder().With(
            TrailBuilder.Passing("ireland").HomedIn("eu-west-1").SingleRegion(),
            TrailBuilder.Passing("frankfurt").HomedIn("eu-central-1").SingleRegion().NotLogging()).Build();

        var verdict = ComplianceEvaluator.Evaluate(snapshot, AccountBuilder.Now, ValidException());

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Contains(verdict.Reasons, r => r.Contains("no logging trail records read and write management events in eu-central-1", StringComparison.Ordinal));
        // Remediation follows the full rule (the trail closest to passing it), not the exception's regions.
        Assert.Contains("aws cloudtrail update-trail --name ireland --is-multi-region-trail --region eu-west-1", verdict.Remediation);
    }

    [Fact]
    public void UnderAnExceptionATrailRecordingOnlyReadsDoesNotCoverItsRegion()
    {
        var snapshot = new AccountBuilder().With(
            TrailBuilder.Passing("ireland").HomedIn("eu-west-1").SingleRegion(),
            TrailBuilder.Passing("frankfurt").HomedIn("eu-central-1").SingleRegion().WithBasic(Basic(ReadWriteType.ReadOnly))).Build();

        var verdict = ComplianceEvaluator.Evaluate(snapshot, AccountBuilder.Now, ValidException());

        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Contains(verdict.Reasons, r => r.Contains("in eu-central-1", StringComparison.Ordinal));
    }

    [Fact]
    public void UnderAnExceptionAnUnreadableTrailIsAnErrorNotAFail()
    {
        var snapshot = new AccountBuilder().With(
            TrailBuilder.Passing("ireland").HomedIn("eu-west-1").SingleRegion(),
            TrailBuilder.Passing("frankfurt").HomedIn("eu-central-1").SingleRegion().Unreadable()).Build();

        var verdict = ComplianceEvaluator.Evaluate(snapshot, AccountBuilder.Now, ValidException());

        Assert.Equal(ComplianceStatus.Error, verdict.Status);
        Assert.Empty(verdict.Remediation);
    }

    [Fact]
    public void AnExpiredExceptionLeavesTheAccountJudgedByTheFullRule()
    {
        var expiredOn = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var (exception, warning) = WaiverFile.Parse(Valid).For(AccountBuilder.AccountId, expiredOn);
        var snapshot = AccountBuilder.WithOnly(TrailBuilder.Passing("ireland").HomedIn("eu-west-1").SingleRegion());

        var verdict = ComplianceEvaluator.Evaluate(snapshot, expiredOn, exception);

        Assert.NotNull(warning);
        Assert.Equal(ComplianceStatus.Fail, verdict.Status);
        Assert.Null(verdict.Exception);
        Assert.Contains(verdict.Reasons, r => r.Contains("records only its home region eu-west-1", StringComparison.Ordinal));
    }
}
