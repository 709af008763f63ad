using System.Diagnostics;
using System.Globalization;
using DriftWatch.Aws;
using DriftWatch.Bench.Harness;
using DriftWatch.Worker.Sweep;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 6. One sweep of 100 accounts through the worker's SweepService: wall time, API calls, and the busiest second of any
/// one account's CloudTrail calls (CloudTrail allows 10 requests/s per account and region).
/// </summary>
public static class SweepBench
{
    public static async Task RunAsync(BenchCloud cloud, Report report, bool rolesLanded)
    {
        const string S = "6 sweep";
        await cloud.ClearRecordsAsync();
        await cloud.DeleteAllTrailsAsync();
        await cloud.CreateCompliantTrailAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var accounts = Enumerable.Range(0, 100).Select(i => (300000000000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        await cloud.ProvisionAccountsAsync(accounts);
        foreach (var concurrency in new[] { 4, 16 })
        {
            await cloud.ClearRecordsAsync();
            var settings = InProcessWorker.SweepSettings(accounts, concurrency);

            using var recorder = new StageRecorder();
            var host = InProcessWorker.Build(cloud.Endpoint, null, settings);
            var sweep = host.Services.GetRequiredService<SweepService>();
            var counter = host.Services.GetRequiredService<ApiCallCounter>();
            var before = counter.Total;
            var clock = Stopwatch.StartNew();
            await sweep.SweepOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
            var wall = clock.Elapsed;
            var calls = counter.Total - before;
            var spans = recorder.Spans;
            var reads = spans.Where(s => s.Name == PipelineTelemetry.TrailsRead).ToDictionary(s => s.TraceId);
            var perAccount = spans.Where(s => s.Name == PipelineTelemetry.Evaluate && s.AccountId is not null)
                .Select(e => (e.AccountId!, e.Start, Calls: reads.TryGetValue(e.TraceId, out var r) ? r.ApiCalls : 0))
                .GroupBy(e => e.Item1)
                .Select(g => BusiestSecond(g.Select(e => (e.Start, e.Calls)).ToList()))
                .DefaultIfEmpty(0)
                .Max();
            var evaluated = (await cloud.StateVersionsAsync()).Count;
            report.Info(S, $"concurrency {concurrency}: wall time, accounts evaluated", $"{wall.TotalMilliseconds:0} ms, {evaluated} ({evaluated / wall.TotalSeconds:0} accounts/s)");
            report.Info(S, $"concurrency {concurrency}: API calls (CloudTrail + STS + S3/KMS destinations)", $"{calls} ({(double)calls / evaluated:0.00}/account)");
            report.Target(S, $"concurrency {concurrency}: busiest second, one account", $"{perAccount} calls/s", "<= 10 req/s", perAccount <= 10);
        }

        report.Note(rolesLanded
            ? "Section 6: accounts are reached through per-account AssumeRole."
            : "Section 6: per-account AssumeRole was not in the tree: the 100 account ids all read moto's default account's trails; each is evaluated and persisted under its own id.");
    }

    private static int BusiestSecond(List<(DateTimeOffset Start, int Calls)> evaluations)
    {
        var busiest = 0;
        foreach (var (start, _) in evaluations)
        {
            busiest = Math.Max(busiest, evaluations.Where(e => e.Start >= start && e.Start < start.AddSeconds(1)).Sum(e => e.Calls));
        }

        return busiest;
    }
}
