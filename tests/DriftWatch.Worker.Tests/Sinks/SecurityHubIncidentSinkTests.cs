using System.Text.Json.Nodes;
using DriftWatch.Sinks;
using DriftWatch.Sinks.SecurityHub;
using DriftWatch.Worker.Tests.Sinks.Support;
using DriftWatch.Worker.Tests.Support;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>
/// The Security Hub sink on moto, read back with the aws CLI's get-findings: one finding per account and kind that
/// the open fails and the resolve passes, kept from its first open, never turned back by a late redelivery.
/// Each test uses its own account, so findings left by another test are never its own.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class SecurityHubIncidentSinkTests(DeployedMoto moto)
{
    private static readonly Dictionary<string, string?> Enabled = new() { ["DriftWatch:Incidents:SecurityHub:Enabled"] = "true" };

    [Fact]
    public async Task AnOpenAndItsResolveUpdateOneFindingInSecurityHub()
    {
        const string account = "210987654321";
        await using var host = SinkHost.Start(moto.Endpoint, Enabled);
        var sink = host.Sink<SecurityHubIncidentSink>();

        Assert.Equal(SinkResult.Accepted, await sink.DeliverAsync(Notices.Opened(account, $"{account}-00000002", Notices.HostileUserAgent), default));
        var opened = await FindingAsync(account);
        Assert.Equal(SinkResult.Accepted, await sink.DeliverAsync(Notices.Resolved(account, $"{account}-00000002"), default));
        var resolved = await FindingAsync(account);

        Assert.Equal($"arn:aws:securityhub:us-east-1:{MotoAws.AccountId}:product/{MotoAws.AccountId}/default", (string?)opened["ProductArn"]);
        Assert.Equal(MotoAws.AccountId, (string?)opened["AwsAccountId"]);
        Assert.Equal(("FAILED", "HIGH"), ((string?)opened["Compliance"]!["Status"], (string?)opened["Severity"]!["Label"]));
        Assert.Contains($"AWS::::Account:{account}", opened["Resources"]!.AsArray().Select(r => (string?)r!["Id"]));
        Assert.Contains($"arn:aws:cloudtrail:eu-west-1:{account}:trail/org-audit", opened["Resources"]!.AsArray().Select(r => (string?)r!["Id"]));
        Assert.StartsWith("aws cloudtrail start-logging", (string?)opened["Remediation"]!["Recommendation"]!["Text"], StringComparison.Ordinal);
        Assert.Contains(@"\u001b[31m", (string?)opened["ProductFields"]!["DriftWatch/Cause/UserAgent"], StringComparison.Ordinal);

        Assert.Equal((string?)opened["Id"], (string?)resolved["Id"]);
        Assert.Equal(("PASSED", "RESOLVED"), ((string?)resolved["Compliance"]!["Status"], (string?)resolved["Workflow"]!["Status"]));
        Assert.Equal((string?)opened["CreatedAt"], (string?)resolved["CreatedAt"]);
        Assert.True(string.CompareOrdinal((string?)resolved["UpdatedAt"], (string?)opened["UpdatedAt"]) >= 0);
    }

    [Fact]
    public async Task AnOpenRedeliveredAfterItsResolveLeavesTheFindingPassed()
    {
        const string account = "210987654322";
        await using var host = SinkHost.Start(moto.Endpoint, Enabled);
        var sink = host.Sink<SecurityHubIncidentSink>();
        var open = Notices.Opened(account, $"{account}-00000002");

        await sink.DeliverAsync(open, default);
        await sink.DeliverAsync(Notices.Resolved(account, $"{account}-00000002"), default);
        var late = await sink.DeliverAsync(open, default);

        Assert.Equal(SinkResult.Accepted, late);
        Assert.Equal("PASSED", (string?)(await FindingAsync(account))["Compliance"]!["Status"]);
        Assert.Contains(host.Logs.Lines, l => l.Contains("the redelivery is dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASecurityHubOutOfReachRefusesTheNoticeWithoutItsAddressAndTheSameNoticeLandsOnceItIsBack()
    {
        const string account = "210987654323";
        var notice = Notices.Opened(account, $"{account}-00000002");
        SinkResult refused;
        await using (var down = SinkHost.Start(new Uri("http://127.0.0.1:9/"), Enabled))
        {
            refused = await down.Sink<SecurityHubIncidentSink>().DeliverAsync(notice, default);
        }

        await using var up = SinkHost.Start(moto.Endpoint, Enabled);
        var back = await up.Sink<SecurityHubIncidentSink>().DeliverAsync(notice, default);

        Assert.StartsWith($"Security Hub did not take incident.opened/{account}-00000002: ", refused.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", refused.Failure, StringComparison.Ordinal);
        Assert.Equal(SinkResult.Accepted, back);
        Assert.Equal("FAILED", (string?)(await FindingAsync(account))["Compliance"]!["Status"]);
    }

    [Fact]
    public async Task BlindAndDeniedNoticesAreFindingsTooAndNothingIsImportedWhenDisabled()
    {
        const string account = "210987654324";
        await using var host = SinkHost.Start(moto.Endpoint, Enabled);
        await using var off = SinkHost.Start(moto.Endpoint, new Dictionary<string, string?>());

        Assert.Equal(SinkResult.Accepted, await host.Sink<SecurityHubIncidentSink>().DeliverAsync(Notices.Blind(account), default));
        Assert.Equal(SinkResult.Accepted, await host.Sink<SecurityHubIncidentSink>().DeliverAsync(Notices.Denied(account), default));
        Assert.Equal(SinkResult.Accepted, await off.Sink<SecurityHubIncidentSink>().DeliverAsync(Notices.Opened(account, $"{account}-00000002"), default));
        Assert.False(off.Sink<SecurityHubIncidentSink>().Enabled);

        var mine = (await AwsCli.FindingsAsync(moto.Endpoint)).Where(f => ((string?)f["Id"])!.StartsWith($"driftwatch/{account}/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Equal("NOT_AVAILABLE", (string?)mine.Single(f => (string?)f["Id"] == $"driftwatch/{account}/monitoring")["Compliance"]!["Status"]);
        Assert.Equal("INFORMATIONAL", (string?)mine.Single(f => ((string?)f["Id"])!.Contains("attempt.denied", StringComparison.Ordinal))["Severity"]!["Label"]);
    }

    private async Task<JsonObject> FindingAsync(string account) =>
        Assert.Single(await AwsCli.FindingsAsync(moto.Endpoint), f => (string?)f["Id"] == $"driftwatch/{account}/coverage");
}
