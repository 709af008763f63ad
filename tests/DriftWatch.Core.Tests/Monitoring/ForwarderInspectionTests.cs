using DriftWatch.Core.Monitoring;

namespace DriftWatch.Core.Tests.Monitoring;

/// <summary>
/// The forwarder check: a missing rule, a disabled one, a lost target and a pattern that lets any monitored call or the
/// heartbeat slip are each a problem naming the account, the region and what is wrong; the templates' pattern passes.
/// </summary>
public sealed class ForwarderInspectionTests
{
    private const string Account = "111111111111";
    private const string Region = "ap-southeast-2";
    private const string Rule = "driftwatch-forwarder";
    private const string Bus = "arn:aws:events:us-east-1:999999999999:event-bus/driftwatch";

    /// <summary>The templates' pattern: one alternative per source, and the heartbeat.</summary>
    public static readonly string FullPattern = Pattern(MonitoredCalls.BySource);

    [Fact]
    public void TheTemplatesPatternEnabledAndTargetingTheCentralBusIsHealthy()
    {
        Assert.True(Inspect(new ForwarderRule(Rule, "ENABLED", FullPattern, [Bus])).IsHealthy);
    }

    [Fact]
    public void NoRuleIsNoForwarderDeployedInThatRegion()
    {
        var check = Inspect(null);

        Assert.Equal($"No forwarder deployed in account {Account} in {Region}: the default bus has no rule {Rule}, so nothing that happens there reaches DriftWatch", Assert.Single(check.Problems));
        Assert.Contains($"infra/deploy.sh {Region}", Assert.Single(check.Remediation), StringComparison.Ordinal);
    }

    [Fact]
    public void ADisabledRuleIsReportedWithTheCommandThatEnablesIt()
    {
        var check = Inspect(new ForwarderRule(Rule, "DISABLED", FullPattern, [Bus]));

        Assert.Equal($"Forwarder rule {Rule} in account {Account} in {Region} is DISABLED: it forwards nothing", Assert.Single(check.Problems));
        Assert.Equal($"aws events enable-rule --name {Rule} --event-bus-name default --region {Region}", Assert.Single(check.Remediation));
    }

    [Fact]
    public void ARuleThatLostTheCentralBusTargetSaysWhereItSendsNow()
    {
        var check = Inspect(new ForwarderRule(Rule, "ENABLED", FullPattern, ["arn:aws:sqs:ap-southeast-2:111111111111:attacker\u001b[2J"]));

        var problem = Assert.Single(check.Problems);
        Assert.Contains("has lost its target, the central bus", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', problem);
    }

    [Fact]
    public void APatternWithoutStopLoggingLacksExactlyThatCall()
    {
        var narrowed = FullPattern.Replace("\"StopLogging\",", "", StringComparison.Ordinal);

        Assert.Equal(["aws.cloudtrail StopLogging"], ForwarderPattern.Lacking(narrowed));
        Assert.Contains("its pattern lacks aws.cloudtrail StopLogging", Assert.Single(Inspect(new ForwarderRule(Rule, "ENABLED", narrowed, [Bus])).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void APatternWithoutTheHeartbeatLacksTheHeartbeat()
    {
        var withoutHeartbeat = FullPattern.Replace(
            $",{{\"source\":[\"{MonitoredCalls.HeartbeatSource}\"],\"detail-type\":[\"{MonitoredCalls.HeartbeatDetailType}\"]}}", "", StringComparison.Ordinal);

        Assert.Equal([MonitoredCalls.HeartbeatSource], ForwarderPattern.Lacking(withoutHeartbeat));
    }

    [Fact]
    public void APatternNarrowedByAFieldItDidNotConstrainBeforeLacksEveryCallItNowRefuses()
    {
        // userIdentity.type = Root only: no call made by anyone else would be forwarded.
        var narrowed = FullPattern.Replace("\"eventSource\":[\"cloudtrail.amazonaws.com\"]", "\"eventSource\":[\"cloudtrail.amazonaws.com\"],\"userIdentity\":{\"type\":[\"Root\"]}", StringComparison.Ordinal);

        Assert.Equal(MonitoredCalls.CloudTrail.Select(c => $"aws.cloudtrail {c}"), ForwarderPattern.Lacking(narrowed));
    }

    [Fact]
    public void APatternWithPrefixesAndSourceListsThatStillCoverEverythingPasses()
    {
        var sources = string.Join(",", MonitoredCalls.BySource.Keys.Select(s => $"\"{s}\""));
        var broad = "{\"$or\":[{\"source\":[" + sources + "],\"detail-type\":[{\"prefix\":\"AWS API Call\"}]},"
            + "{\"source\":[{\"prefix\":\"driftwatch.\"}],\"detail-type\":[\"" + MonitoredCalls.HeartbeatDetailType + "\"]}]}";

        Assert.Empty(ForwarderPattern.Lacking(broad));
    }

    [Fact]
    public void AnUnreadablePatternLacksEverything()
    {
        Assert.Equal(MonitoredCalls.BySource.Values.Sum(v => v.Count) + 1, ForwarderPattern.Lacking("{not json").Count);
        Assert.Equal(MonitoredCalls.BySource.Values.Sum(v => v.Count) + 1, ForwarderPattern.Lacking(null).Count);
    }

    [Fact]
    public void AnAnythingButThatExcludesACallLacksIt()
    {
        var pattern = "{\"$or\":[{\"source\":[\"aws.cloudtrail\",\"aws.s3\",\"aws.kms\",\"aws.organizations\",\"aws.events\",\"aws.cloudformation\"],"
            + "\"detail\":{\"eventName\":[{\"anything-but\":[\"StopLogging\"]}]}},{\"source\":[\"" + MonitoredCalls.HeartbeatSource + "\"]}]}";

        Assert.Equal(["aws.cloudtrail StopLogging"], ForwarderPattern.Lacking(pattern));
    }

    private static ForwarderCheck Inspect(ForwarderRule? rule) => ForwarderInspection.Inspect(rule, Account, Region, Rule, Bus);

    private static string Pattern(IReadOnlyDictionary<string, IReadOnlyList<string>> bySource)
    {
        var alternatives = bySource.Select(p =>
            $"{{\"source\":[\"{p.Key}\"],\"detail-type\":[\"{MonitoredCalls.ApiCallDetailType}\"],\"detail\":{{\"eventSource\":[\"{p.Key[4..]}.amazonaws.com\"],\"eventName\":[{string.Join(",", p.Value.Select(v => $"\"{v}\""))}]}}}}");
        return "{\"$or\":[" + string.Join(",", alternatives)
            + $",{{\"source\":[\"{MonitoredCalls.HeartbeatSource}\"],\"detail-type\":[\"{MonitoredCalls.HeartbeatDetailType}\"]}}]}}";
    }
}
