using System.Text.Json.Nodes;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Tests.Security;

namespace DriftWatch.Worker.Tests.Deployment;

/// <summary>
/// The forwarding rules carry exactly the calls <see cref="MonitoredCalls"/> lists (infra/check.sh checks the same
/// from the source text, for CI's lint step); the end-to-end tests prove the deployed rules deliver them.
/// </summary>
public sealed class EventPatternTests
{
    [Theory]
    [InlineData("driftwatch-region.yaml", "ForwardRule")]
    [InlineData("driftwatch-member.yaml", "ForwardRule")]
    [InlineData("driftwatch-central.yaml", "QueueRule")]
    public void EveryForwardingRuleCarriesEverySourceAndCallOfMonitoredCalls(string template, string rule)
    {
        var pattern = ApiCallBranch(Templates.Load(template)["Resources"]![rule]!["Properties"]!["EventPattern"]!.AsObject());

        Assert.Equal(MonitoredCalls.BySource.Keys.Order(StringComparer.Ordinal), Texts(pattern["source"]).Order(StringComparer.Ordinal));
        Assert.Equal(
            MonitoredCalls.BySource.Values.SelectMany(calls => calls).Order(StringComparer.Ordinal),
            Texts(pattern["detail"]!["eventName"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheRegionalMemberAndCentralPatternsAreTheSame()
    {
        var regional = Templates.Load("driftwatch-region.yaml")["Resources"]!["ForwardRule"]!["Properties"]!["EventPattern"]!;
        var member = Templates.Load("driftwatch-member.yaml")["Resources"]!["ForwardRule"]!["Properties"]!["EventPattern"]!;
        var central = Templates.Load("driftwatch-central.yaml")["Resources"]!["QueueRule"]!["Properties"]!["EventPattern"]!;

        Assert.True(JsonNode.DeepEquals(regional, member));
        Assert.True(JsonNode.DeepEquals(regional, central));
    }

    /// <summary>The pattern, or its one $or branch for API calls (the heartbeat may have a branch of its own).</summary>
    private static JsonObject ApiCallBranch(JsonObject pattern)
    {
        var branches = pattern["$or"] is JsonArray or ? or.Select(b => b!.AsObject()).ToList() : [pattern];
        return Assert.Single(branches, b => Texts(b["detail-type"]).SequenceEqual([MonitoredCalls.ApiCallDetailType]));
    }

    private static List<string> Texts(JsonNode? node) => node!.AsArray().Select(n => (string)n!).ToList();
}
