using System.Globalization;
using System.Text.Json.Nodes;
using DriftWatch.Bench.Harness;
using DriftWatch.Testing;
using DriftWatch.Worker.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 9. Cost inputs: the requests the worker really makes, counted by a proxy between it and moto (service.operation),
/// per swept account (steady state: the second sweep, sessions reused), per event with a change and per event without
/// one; then the monthly bill for 1,000 accounts x 17 regions at the prices in bench/COST.md, beside AWS Config and
/// Security Hub's CloudTrail.1. Only AWS-billed requests are priced (CloudTrail reads and STS are free).
/// </summary>
public static class CostBench
{
    public static async Task RunAsync(BenchCloud cloud, Report report, int sweptAccounts, int events, TimeSpan sweepInterval)
    {
        const string S = "10 cost";
        await cloud.ClearRecordsAsync();
        await cloud.DeleteAllTrailsAsync();
        await cloud.CreateCompliantTrailAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var accounts = Enumerable.Range(0, sweptAccounts).Select(i => (500000000000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        await cloud.ProvisionAccountsAsync(accounts);
        await using var proxy = new CountingProxy(cloud.Endpoint);

        // Sweeps: the second one is the steady state (roles already assumed).
        var settings = new Dictionary<string, string?> { ["DriftWatch:Sweep:Concurrency"] = "8" };
        for (var i = 0; i < accounts.Count; i++)
        {
            settings[$"DriftWatch:Sweep:Accounts:{i}"] = accounts[i];
        }

        var sweeper = InProcessWorker.Build(proxy.Endpoint, null, settings);
        var sweep = sweeper.Services.GetRequiredService<SweepService>();
        var first = await sweep.SweepOnceAsync(CancellationToken.None);
        proxy.Reset();
        var second = await sweep.SweepOnceAsync(CancellationToken.None);
        var perSweptAccount = Per(proxy.Counts, second.Accounts.Count);
        report.Info(S, $"requests per swept account (steady state, {second.Accounts.Count} accounts)", Render(perSweptAccount));
        report.Info(S, "  DynamoDB request bytes, mean (write units are per KB of item)", string.Join(", ", proxy.Bytes
            .Where(b => b.Key.StartsWith("DynamoDB.", StringComparison.Ordinal))
            .Select(b => $"{b.Key} {b.Value / Math.Max(1, proxy.Counts[b.Key])} B")));

        // Events through the queue, one at a time: with a real change behind each, then duplicates of an unchanged state.
        // Heartbeats and forwarder checks are counted on their own below: here they would land in the events' counts.
        await using var webhook = new WebhookReceiver();
        var host = InProcessWorker.Build(proxy.Endpoint, webhook.Url, new Dictionary<string, string?>
        {
            ["DriftWatch:Heartbeat:Enabled"] = "false",
            ["DriftWatch:Forwarder:Verify"] = "false",
        });
        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var queue = await cloud.QueueUrlAsync();
        proxy.Reset();
        for (var i = 0; i < events; i++)
        {
            await (i % 2 == 0
                ? cloud.Trails.StopLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion)
                : cloud.Trails.StartLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion));
            await cloud.Sqs.SendMessageAsync(queue, Body(i % 2 == 0 ? "StopLogging" : "StartLogging"));
            await webhook.NextAsync(TimeSpan.FromSeconds(10));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var perChange = Per(proxy.Counts, events);
        proxy.Reset();
        for (var i = 0; i < events; i++)
        {
            await cloud.Sqs.SendMessageAsync(queue, Body("StartLogging"));
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var perNoChange = Per(proxy.Counts, events);
        await host.StopAsync(CancellationToken.None);
        report.Info(S, $"requests per event with a change ({events} events, the bench's SendMessage not counted)", Render(perChange));
        report.Info(S, $"requests per event, nothing changed ({events} events)", Render(perNoChange));
        report.Note($"Section 9: the first sweep (AssumeRole per account) made {first.Accounts.Count} evaluations; STS sessions last an hour, so AssumeRole is 1/account/hour in steady state.");

        // Leases left by the workers above would keep this one from taking the account's heartbeat round.
        await cloud.ClearRecordsAsync();
        var (heartbeats, perHeartbeat) = await HeartbeatsAsync(proxy);
        if (heartbeats == 0)
        {
            throw new InvalidOperationException("no heartbeat was sent while counting: the heartbeat figures would be made up");
        }

        report.Info(S, $"requests per heartbeat ({heartbeats} heartbeats: sent, forwarded, received, recorded)", Render(perHeartbeat));

        foreach (var line in CostModel.Monthly(perSweptAccount, perChange, perNoChange, perHeartbeat, sweepInterval))
        {
            report.Info(S, line.Item, line.Value);
        }
    }

    /// <summary>
    /// A worker watching the bench's account in the regions infra/ deployed forwarders to, one heartbeat round every
    /// 5 s: every request it makes for a heartbeat's whole way (lease, PutEvents on the region's default bus, the
    /// forwarder's delivery through the central bus to SQS, receive, delete, the region's watch), per heartbeat sent.
    /// The start-up sweep is over before counting starts, and no other sweep falls in the window.
    /// </summary>
    private static async Task<(int Heartbeats, Dictionary<string, double> PerHeartbeat)> HeartbeatsAsync(CountingProxy proxy)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DriftWatch:Heartbeat:Interval"] = "00:00:05",
            ["DriftWatch:Sweep:Accounts:0"] = BenchCloud.Account,
        };
        for (var i = 0; i < StackDeployment.Regions.Count; i++)
        {
            settings[$"DriftWatch:Regions:{i}"] = StackDeployment.Regions[i];
        }

        var host = InProcessWorker.Build(proxy.Endpoint, null, settings);
        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        proxy.Reset();
        await Task.Delay(TimeSpan.FromSeconds(30));
        var counts = proxy.Counts.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        await host.StopAsync(CancellationToken.None);
        var heartbeats = counts.GetValueOrDefault("AWSEvents.PutEvents");
        return (heartbeats, Per(counts, heartbeats));
    }

    private static string Body(string eventName) => new JsonObject
    {
        ["version"] = "0",
        ["detail-type"] = CloudTrailEvent.DetailType,
        ["source"] = CloudTrailEvent.Source,
        ["region"] = BenchCloud.HomeRegion,
        ["detail"] = CloudTrailEvent.Detail(eventName, BenchCloud.HomeRegion, BenchCloud.Trail, BenchCloud.Account, Guid.NewGuid().ToString()),
    }.ToJsonString();

    private static Dictionary<string, double> Per(IReadOnlyDictionary<string, int> counts, int n) =>
        counts.ToDictionary(c => c.Key, c => (double)c.Value / Math.Max(1, n), StringComparer.Ordinal);

    private static string Render(Dictionary<string, double> perUnit) =>
        string.Join(", ", perUnit.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:0.##}"));
}
