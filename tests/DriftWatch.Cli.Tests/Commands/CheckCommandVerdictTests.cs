using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;
using MotoAccount = DriftWatch.Cli.Tests.Support.MotoAccount;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>`driftwatch check --output json` against trails made through the CloudTrail API in moto.</summary>
public sealed class CheckCommandVerdictTests(MotoFixture moto) : MotoTest(moto)
{
    [Fact]
    public async Task PassesWhenALoggingMultiRegionTrailRecordsReadAndWriteManagementEvents()
    {
        await Account.TrailAsync("org-audit");

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 0, "pass");

        Assert.Equal(MotoAccount.Id, verdict.GetProperty("account").GetString());
        var trail = Assert.Single(verdict.GetProperty("trails").EnumerateArray());
        Assert.Equal("org-audit", trail.GetProperty("name").GetString());
        Assert.True(trail.GetProperty("covers").GetBoolean());
        Assert.True(trail.GetProperty("management").GetProperty("read").GetBoolean());
        Assert.True(trail.GetProperty("management").GetProperty("write").GetBoolean());
        Assert.Empty(verdict.GetProperty("remediation").EnumerateArray());
        Assert.True(verdict.GetProperty("apiCalls").GetInt32() > 0);
    }

    [Fact]
    public async Task PassesWithAMultiRegionTrailHomedInAnotherRegionThanTheOneChecked()
    {
        await Account.TrailAsync("eu-audit", homeRegion: "eu-west-1");

        var verdict = VerdictAssert.Is(await Account.CheckAsync("eu-west-1", "--region", "us-east-1", "--output", "json"), 0, "pass");

        var trail = Assert.Single(verdict.GetProperty("trails").EnumerateArray());
        Assert.Equal("eu-west-1", trail.GetProperty("homeRegion").GetString());
        Assert.True(trail.GetProperty("multiRegion").GetBoolean());
    }

    [Fact]
    public async Task FailsWhenTheTrailIsNotLoggingAndSaysHowToStartIt()
    {
        await Account.TrailAsync("org-audit", logging: false);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        Assert.False(verdict.GetProperty("trails")[0].GetProperty("logging").GetBoolean());
        VerdictAssert.AnyContains(verdict, "remediation", "aws cloudtrail start-logging --name org-audit --region us-east-1");
    }

    [Fact]
    public async Task FailsWhenTheOnlyTrailRecordsItsHomeRegionOnly()
    {
        await Account.TrailAsync("local", multiRegion: false);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        Assert.False(verdict.GetProperty("trails")[0].GetProperty("multiRegion").GetBoolean());
        VerdictAssert.AnyContains(verdict, "reasons", "records only its home region us-east-1");
        VerdictAssert.AnyContains(verdict, "remediation", "--is-multi-region-trail");
    }

    [Fact]
    public async Task FailsWhenTheSelectorsRecordWriteEventsOnly()
    {
        await Account.TrailAsync("writes", basicSelectors: Selectors.WriteOnly);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        var management = verdict.GetProperty("trails")[0].GetProperty("management");
        Assert.False(management.GetProperty("read").GetBoolean());
        Assert.True(management.GetProperty("write").GetBoolean());
        VerdictAssert.AnyContains(verdict, "remediation", "put-event-selectors --trail-name writes");
    }

    [Fact]
    public async Task FailsWhenReadsAreOnOneTrailAndWritesOnAnother()
    {
        await Account.TrailAsync("reads", basicSelectors: Selectors.ReadOnly);
        await Account.TrailAsync("writes", basicSelectors: Selectors.WriteOnly);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        Assert.Equal(2, verdict.GetProperty("trails").GetArrayLength());
        Assert.All(verdict.GetProperty("trails").EnumerateArray(), t => Assert.False(t.GetProperty("covers").GetBoolean()));
    }

    [Fact]
    public async Task PassesWithAnAdvancedSelectorForEveryManagementEvent()
    {
        await Account.TrailAsync("advanced", advancedSelectors: Selectors.AdvancedManagement);

        VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 0, "pass");
    }

    [Fact]
    public async Task FailsNamingKmsWhenItsManagementEventsAreExcluded()
    {
        await Account.TrailAsync("no-kms", basicSelectors: Selectors.AllButKms);

        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        Assert.Equal(["kms.amazonaws.com"], VerdictAssert.Strings(verdict.GetProperty("trails")[0], "excludedSources"));
        VerdictAssert.AnyContains(verdict, "reasons", "kms.amazonaws.com");
    }

    [Fact]
    public async Task FailsWhenTheAccountHasNoTrailAndSaysHowToCreateOne()
    {
        var verdict = VerdictAssert.Is(await Account.CheckAsync("us-east-1", "--output", "json"), 1, "fail");

        Assert.Empty(verdict.GetProperty("trails").EnumerateArray());
        VerdictAssert.AnyContains(verdict, "remediation", "aws cloudtrail create-trail");
    }
}
