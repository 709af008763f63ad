using System.Diagnostics;
using DriftWatch.Testing;
using DriftWatch.Worker.Tests.Support;

namespace DriftWatch.Worker.Tests.EndToEnd;

/// <summary>
/// An attacker blinds DriftWatch before stopping a trail: disables the forwarder rule in a region, narrows its
/// pattern, or a region never had one. On moto with infra/ deployed (each region's rule targets the central bus in
/// us-east-1, whose rule feeds the queue: moto routes that cross-region hop), the real worker host must open a
/// monitoring incident naming the account and the region, and resolve it once the forwarder is back.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class ForwarderMonitoringTests(DeployedMoto moto)
{
    private const string Region = "eu-west-1";
    // Short for a test, long enough for a heartbeat round on moto on a loaded machine (each PutEvents hop is ~140 ms).
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Timeout = 3 * Interval;

    // Two intervals, and room for a loaded machine: moto delivers every rule hop in ~140 ms, and each sweep reads.
    private static readonly TimeSpan Wait = (2 * Interval) + TimeSpan.FromSeconds(15);

    [Fact]
    public async Task DisablingTheForwarderInOneRegionOpensAMonitoringIncidentNamingItAndEnablingItResolvesIt()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync("org-trail", "us-east-1");
        using var rules = new ForwarderRules(moto.Endpoint);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Settings(webhook, heartbeats: true));
        try
        {
            await WaitForHeartbeatsAsync(worker);
            await rules.DisableAsync(Region);

            var opened = await MonitoringAsync(webhook, "incident.opened", Wait);
            var id = (string?)opened.Json["incidentId"];
            Assert.StartsWith($"monitoring-{World.Account}-{Region}-", id, StringComparison.Ordinal);
            Assert.Equal(World.Account, (string?)opened.Json["account"]);
            var reasons = Reasons(opened);
            Assert.Contains(reasons, r => r.Contains(Region, StringComparison.Ordinal) && r.Contains("DISABLED", StringComparison.Ordinal));
            Assert.Contains(opened.Json["remediation"]!.AsArray(), r => ((string?)r)!.Contains($"enable-rule --name {ForwarderRules.RuleName}", StringComparison.Ordinal));

            await rules.EnableAsync(Region);
            var resolved = await MonitoringAsync(webhook, "incident.resolved", Wait);
            Assert.Equal(id, (string?)resolved.Json["incidentId"]);
            Assert.DoesNotContain(webhook.Seen, d => d.Type == "incident.opened" && IsMonitoring(d) && (string?)d.Json["incidentId"] != id);
        }
        finally
        {
            await rules.EnableAsync(Region);
        }
    }

    [Fact]
    public async Task HeartbeatsThatStopArrivingOpenAMonitoringIncidentSayingSinceWhenAndArrivingAgainResolveIt()
    {
        await using var world = await World.CleanAsync(moto);
        using var rules = new ForwarderRules(moto.Endpoint);
        var targets = await rules.TargetsAsync(Region);
        await using var webhook = new WebhookReceiver();
        // No sweep after the first: only the heartbeat can notice. (moto delivers through a disabled rule, so the
        // path is cut by removing the rule's target, which moto does honour.)
        var settings = Settings(webhook, heartbeats: true);
        settings["DriftWatch:Sweep:Interval"] = "01:00:00";
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, settings);
        try
        {
            await WaitForHeartbeatsAsync(worker);
            await rules.RemoveTargetsAsync(Region);

            var opened = await MonitoringAsync(webhook, "incident.opened", Timeout + Wait);
            Assert.StartsWith($"monitoring-{World.Account}-{Region}-", (string?)opened.Json["incidentId"], StringComparison.Ordinal);
            Assert.Contains(Reasons(opened), r => r.StartsWith($"No heartbeat from account {World.Account} in {Region} since ", StringComparison.Ordinal));

            await rules.PutTargetsAsync(Region, targets);
            var resolved = await MonitoringAsync(webhook, "incident.resolved", Wait);
            Assert.Equal((string?)opened.Json["incidentId"], (string?)resolved.Json["incidentId"]);
        }
        finally
        {
            await rules.PutTargetsAsync(Region, targets);
        }
    }

    [Fact]
    public async Task RemovingStopLoggingFromOneRegionsPatternOpensAMonitoringIncidentAtTheNextSweep()
    {
        const string region = "ap-southeast-2";
        await using var world = await World.CleanAsync(moto);
        using var rules = new ForwarderRules(moto.Endpoint);
        var original = await rules.PatternAsync(region);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, Settings(webhook, heartbeats: false));
        try
        {
            // The heartbeat still passes a pattern without StopLogging: only the sweep's check of the pattern sees it.
            await rules.PutPatternAsync(region, original.Replace("\"StopLogging\", ", "", StringComparison.Ordinal).Replace("\"StopLogging\",", "", StringComparison.Ordinal));
            Assert.DoesNotContain("StopLogging", await rules.PatternAsync(region), StringComparison.Ordinal);

            var opened = await MonitoringAsync(webhook, "incident.opened", Wait);
            Assert.StartsWith($"monitoring-{World.Account}-{region}-", (string?)opened.Json["incidentId"], StringComparison.Ordinal);
            Assert.Contains(Reasons(opened), r => r.Contains(region, StringComparison.Ordinal) && r.Contains("pattern lacks aws.cloudtrail StopLogging", StringComparison.Ordinal));
        }
        finally
        {
            await rules.PutPatternAsync(region, original);
        }
    }

    [Fact]
    public async Task ARegionListedWithNoForwarderDeployedOpensAMonitoringIncidentForThatRegionOnly()
    {
        const string bare = "eu-central-1";
        await using var world = await World.CleanAsync(moto);
        await using var webhook = new WebhookReceiver();
        var settings = Settings(webhook, heartbeats: false);
        settings[$"DriftWatch:Regions:{StackDeployment.Regions.Count}"] = bare;
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, settings);

        var opened = await MonitoringAsync(webhook, "incident.opened", Wait);
        Assert.StartsWith($"monitoring-{World.Account}-{bare}-", (string?)opened.Json["incidentId"], StringComparison.Ordinal);
        Assert.Contains(Reasons(opened), r => r.StartsWith($"No forwarder deployed in account {World.Account} in {bare}", StringComparison.Ordinal));

        // Two more sweeps: the region stays one open incident, and the deployed regions raise none.
        await Task.Delay(2 * Interval);
        Assert.Single(webhook.Seen, d => d.Type == "incident.opened" && IsMonitoring(d));
    }

    [Fact]
    public async Task TwoWorkersSweepEachAccountOncePerIntervalAndSendEachRegionsHeartbeatOncePerInterval()
    {
        await using var world = await World.CleanAsync(moto);
        await world.CreateCompliantTrailAsync("org-trail", "us-east-1");
        await using var webhook = new WebhookReceiver();
        var settings = Settings(webhook, heartbeats: true);
        var clock = Stopwatch.StartNew();
        await using (var first = await WorkerHost.StartAsync(moto.Endpoint, settings))
        await using (var second = await WorkerHost.StartAsync(moto.Endpoint, settings))
        {
            await Task.Delay(4 * Interval);
            var window = clock.Elapsed;

            // A lease is due again 10% before the interval ends: at most one sweep per 0.9 interval, the first at start.
            var most = (int)(window / (0.9 * Interval)) + 1;
            // And at least one per two intervals: the lease never kept both workers from the account.
            var least = (int)(window / (2 * Interval));
            var sweeps = Count(first, second, $"Sweeping account {World.Account}");
            Assert.InRange(sweeps, least, most);
            foreach (var region in StackDeployment.Regions)
            {
                Assert.InRange(Count(first, second, $"Heartbeat sent to account {World.Account} in {region}"), least, most);
            }
        }

        // Every heartbeat came back through its region's forwarder: no region went blind meanwhile.
        Assert.DoesNotContain(webhook.Seen, d => d.Type == "incident.opened" && IsMonitoring(d));
    }

    private static Dictionary<string, string?> Settings(WebhookReceiver webhook, bool heartbeats) => new()
    {
        ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString(),
        ["DriftWatch:Sweep:Interval"] = Interval.ToString(),
        ["DriftWatch:Forwarder:Verify"] = "true",
        ["DriftWatch:Heartbeat:Enabled"] = heartbeats ? "true" : "false",
        ["DriftWatch:Heartbeat:Interval"] = Interval.ToString(),
        ["DriftWatch:Heartbeat:Timeout"] = Timeout.ToString(),
    };

    private static bool IsMonitoring(WebhookReceiver.Delivery delivery) =>
        ((string?)delivery.Json["incidentId"])?.StartsWith("monitoring-", StringComparison.Ordinal) == true;

    // The account has no trail in most tests: its coverage incident arrives too, and is not what these tests are about.
    private static Task<WebhookReceiver.Delivery> MonitoringAsync(WebhookReceiver webhook, string type, TimeSpan wait) => Eventually.MatchAsync(
        () => Task.FromResult(webhook.Seen.FirstOrDefault(d => d.Type == type && IsMonitoring(d))),
        delivery => delivery is not null,
        wait,
        $"a monitoring {type}")!;

    private static IReadOnlyList<string> Reasons(WebhookReceiver.Delivery delivery) =>
        delivery.Json["reasons"]!.AsArray().Select(r => (string?)r ?? "").ToList();

    private static int Count(WorkerHost worker, string text) => worker.Logs.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    private static int Count(WorkerHost first, WorkerHost second, string text) => Count(first, text) + Count(second, text);

    // Heartbeats have come back from every region once: the regions are watched, none blind.
    private static Task WaitForHeartbeatsAsync(WorkerHost worker) => Eventually.MatchAsync(
        () => Task.FromResult(worker.Logs.Lines.Count(l => l.Contains("Heartbeat sent to account", StringComparison.Ordinal))),
        sent => sent >= StackDeployment.Regions.Count,
        Wait,
        "the first heartbeat round");
}
