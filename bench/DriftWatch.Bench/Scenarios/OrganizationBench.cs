using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using DriftWatch.Aws;
using DriftWatch.Bench.Harness;
using DriftWatch.Testing;
using DriftWatch.Worker.Sweep;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 8. Organization scale: N accounts (1,000 in full), each with its own bucket and compliant trail, each reached
/// through AssumeRole. (a) One sweep through the worker's SweepService in process: wall time, CloudTrail + STS calls,
/// the busiest second of any one account, and the interval SweepCadence derives from that sweep; then the service's
/// own periodic loop (leases, adaptive cadence) for two sweeps: the longest gap between two reads of one account and
/// the detection of a trail stopped with no event. (b) Memory: the published `driftwatch watch` process with the same
/// accounts and a backlog of events queued before it starts (10,000 in full), its RSS sampled from /proc while it
/// sweeps and works the backlog.
/// </summary>
public static class OrganizationBench
{
    /// <summary>The in-process sweep's wall time, once this section ran (the cost table's sweep interval follows it).</summary>
    public static TimeSpan? LastSweep { get; private set; }

    /// <param name="workerEnvironment">Extra environment for the watch process (--org-env NAME=VALUE,...): runtime knobs such as DOTNET_GCgen0size, measured without a new publish.</param>
    public static async Task RunAsync(BenchCloud cloud, Report report, string? cli, int accountCount, int backlog, TimeSpan backlogWatch, IReadOnlyDictionary<string, string> workerEnvironment)
    {
        const string S = "9 organization";
        await cloud.ClearRecordsAsync();
        await cloud.DeleteAllTrailsAsync();
        await cloud.CreateCompliantTrailAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var accounts = Enumerable.Range(0, accountCount).Select(i => (400000000000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var memory = cli is not null && File.Exists(cli);
        if (memory)
        {
            // Queued before anything else, so that the tables can be cleared for the watch without purging it. 10,000
            // take ~1 minute on the emulator, ~45 on moto as installed, whose SendMessage slows with the queue's depth
            // (emulator/README.md).
            await QueueBacklogAsync(cloud, report, S, accounts, backlog);
        }

        var provision = Stopwatch.StartNew();
        await cloud.ProvisionAccountsAsync(accounts);
        report.Info(S, $"{accountCount} accounts provisioned (AssumeRole, bucket, trail each)", $"{provision.Elapsed.TotalSeconds:0} s");

        var sweepTime = await SweepInProcessAsync(cloud, report, S, accounts);
        LastSweep = sweepTime;

        if (!memory)
        {
            report.Info(S, "memory (driftwatch watch)", "skipped: no published CLI (bench/run.sh publishes it)");
            return;
        }

        // The watch starts from no recorded state, as a new deployment does; the backlog stays queued.
        await cloud.ClearTablesAsync();
        await MemoryAsync(cloud, report, S, cli!, accounts, backlogWatch, workerEnvironment);
    }

    private static async Task<TimeSpan> SweepInProcessAsync(BenchCloud cloud, Report report, string s, IReadOnlyList<string> accounts)
    {
        var settings = InProcessWorker.SweepSettings(accounts, 16);
        // The interval at its default, so the periodic phase below runs the adaptive cadence as the watch does (the
        // in-process host otherwise sets an hour: its sweeps are called, not timed).
        settings["DriftWatch:Sweep:Interval"] = SweepCadence.DefaultInterval.ToString("c", CultureInfo.InvariantCulture);

        using var recorder = new StageRecorder();
        var host = InProcessWorker.Build(cloud.Endpoint, null, settings);
        var sweep = host.Services.GetRequiredService<SweepService>();
        var counter = host.Services.GetRequiredService<ApiCallCounter>();
        var before = counter.Total;
        var clock = Stopwatch.StartNew();
        var result = await sweep.SweepOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(10));
        var wall = clock.Elapsed;
        var calls = counter.Total - before;

        // The steady state: every role already assumed (sessions last an hour), as every sweep after the first.
        clock.Restart();
        var steady = await sweep.SweepOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(10));
        var steadyWall = clock.Elapsed;
        var floor = await FloorAsync(cloud, accounts);
        var spans = recorder.Spans;
        var reads = spans.Where(x => x.Name == PipelineTelemetry.TrailsRead).ToDictionary(x => x.TraceId);
        var busiest = spans.Where(x => x.Name == PipelineTelemetry.Evaluate && x.AccountId is not null)
            .Select(e => (e.AccountId!, e.Start, Calls: reads.TryGetValue(e.TraceId, out var r) ? r.ApiCalls : 0))
            .GroupBy(e => e.Item1)
            .Select(g => BusiestSecond(g.Select(e => (e.Start, e.Calls)).ToList()))
            .DefaultIfEmpty(0)
            .Max();
        var evaluated = (await cloud.StateVersionsAsync()).Count(v => accounts.Contains(v.Key));
        report.Info(s, "load during the sweep", Machine.Load());
        report.Target(s, $"one sweep, concurrency 16: wall time ({evaluated} evaluated, {result.Failed} faulted, {result.CouldNotEvaluate} could not evaluate)", $"{wall.TotalSeconds:0.0} s ({evaluated / wall.TotalSeconds:0} accounts/s)", "<= 60 s", wall <= TimeSpan.FromSeconds(60) && evaluated == accounts.Count);
        report.Info(s, "  API calls (CloudTrail + STS)", $"{calls} ({(double)calls / Math.Max(1, evaluated):0.00}/account)");
        report.Target(s, $"second sweep (roles already assumed): wall time, {steady.Accounts.Count} accounts", $"{steadyWall.TotalSeconds:0.0} s ({steady.Accounts.Count / steadyWall.TotalSeconds:0} accounts/s)", "<= 60 s", steadyWall <= TimeSpan.FromSeconds(60));
        report.Info(s, $"  emulator floor: the steady sweep's 8 requests per account, 16 at a time, no worker ({floor.Accounts} accounts)", $"{floor.Elapsed.TotalSeconds:0.0} s ({floor.Accounts / floor.Elapsed.TotalSeconds:0} accounts/s; the sweep is {steadyWall.TotalSeconds / accounts.Count / (floor.Elapsed.TotalSeconds / floor.Accounts):0.00}x the floor per account)");
        report.Target(s, "  busiest second, one account (all of an evaluation's calls counted at its start)", $"{busiest} calls/s", "<= 10 req/s", busiest <= 10);
        report.Info(s, "  bench process RSS after the sweep (in process: not the worker's own)", $"{Machine.MemoryMb(Environment.ProcessId, "VmRSS"):0} MB");

        var interval = SweepCadence.Interval(SweepCadence.DefaultInterval, steadyWall);
        report.Info(s, "adaptive sweep interval (default setting) from the steady sweep / its worst case by SweepCadence", $"{interval.TotalSeconds:0} s (the default is {SweepCadence.DefaultInterval.TotalMinutes:0} min) / {SweepCadence.WorstCaseDetection(interval, steadyWall, steadyWall).TotalSeconds:0} s");
        var periodic = await PeriodicAsync(host, recorder, accounts, cloud.Endpoint);
        if (periodic is null)
        {
            report.Target(s, "periodic sweep as the watch runs it (leased, adaptive)", "no account was read twice within 10 min", "<= 120 s", false);
            return steadyWall;
        }

        report.Info(s, "periodic sweep as the watch runs it (leased, adaptive): its two sweeps", $"{periodic.Sweeps[0].TotalSeconds:0.0} s, then {periodic.Sweeps[1].TotalSeconds:0.0} s, {periodic.Start[1].TotalSeconds:0} s after the first started; load {Machine.Load()}");
        report.Target(s, "  longest gap between two reads of one account (worst-case detection of an unannounced change)", $"{periodic.LongestGap.TotalSeconds:0.0} s (shortest {periodic.ShortestGap.TotalSeconds:0.0} s)", "<= 120 s", periodic.LongestGap <= TimeSpan.FromMinutes(2));
        report.Target(s, $"  StopLogging with no event, just after the account's read in the first: recorded failing after", periodic.Detected is { } d ? $"{d.TotalSeconds:0.0} s" : "not detected", "<= 120 s", periodic.Detected <= TimeSpan.FromMinutes(2));
        return steadyWall;
    }

    /// <summary>What the periodic sweep did: each sweep's start (from the first) and length, the gaps, and the detection.</summary>
    private sealed record Periodic(TimeSpan[] Start, TimeSpan[] Sweeps, TimeSpan LongestGap, TimeSpan ShortestGap, TimeSpan? Detected);

    /// <summary>
    /// The SweepService started as the watch starts it (leases, adaptive cadence) on warm roles, for two sweeps. The
    /// first account in the order has its trail stopped just after the first sweep read it: moto sends no event for
    /// it, so only the next sweep can find it, as a change whose event AWS dropped. The trail is restarted after.
    /// </summary>
    private static async Task<Periodic?> PeriodicAsync(Microsoft.Extensions.Hosting.IHost host, StageRecorder recorder, IReadOnlyList<string> accounts, Uri endpoint)
    {
        var sweep = host.Services.GetRequiredService<SweepService>();
        var states = host.Services.GetRequiredService<DriftWatch.Records.IStateStore>();
        var first = accounts.Min(StringComparer.Ordinal)!;
        using var assumed = await AssumedAccount.AssumeAsync(endpoint, first);
        recorder.Clear();
        var began = TimeProvider.System.GetUtcNow();
        // Each account's reads (its evaluations' ends) in time order, from one pass over the spans.
        Dictionary<string, List<DateTimeOffset>> ReadsByAccount() => recorder.Spans
            .Where(x => x.Name == PipelineTelemetry.Evaluate && x.AccountId is not null)
            .GroupBy(x => x.AccountId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.End).Order().ToList(), StringComparer.Ordinal);
        int ReadCount(Dictionary<string, List<DateTimeOffset>> reads, string account) => reads.GetValueOrDefault(account)?.Count ?? 0;

        await sweep.StartAsync(CancellationToken.None);
        var deadline = Stopwatch.StartNew();
        while (ReadCount(ReadsByAccount(), first) == 0 && deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(20);
        }

        await assumed.StopLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var stopped = TimeProvider.System.GetUtcNow();
        TimeSpan? detected = null;
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (detected is null && await states.GetAsync(first, CancellationToken.None) is { Verdict.Status: DriftWatch.Core.Evaluation.ComplianceStatus.Fail } state)
            {
                detected = state.ChangedAt - stopped;
            }

            if (detected is not null)
            {
                var sofar = ReadsByAccount();
                if (accounts.All(a => ReadCount(sofar, a) >= 2))
                {
                    break;
                }
            }

            await Task.Delay(200);
        }

        await sweep.StopAsync(CancellationToken.None);
        await assumed.StartLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var byAccount = ReadsByAccount();
        var reads = accounts.Select(a => byAccount.GetValueOrDefault(a) ?? []).Where(r => r.Count >= 2).ToList();
        if (reads.Count == 0)
        {
            return null;
        }

        var gaps = reads.Select(r => r[1] - r[0]).ToList();
        var starts = new[] { reads.Min(r => r[0]) - began, reads.Min(r => r[1]) - began };
        var ends = new[] { reads.Max(r => r[0]) - began, reads.Max(r => r[1]) - began };
        return new Periodic(starts, [ends[0] - starts[0], ends[1] - starts[1]], gaps.Max(), gaps.Min(), detected);
    }

    /// <summary>
    /// The steady sweep's requests per account once its role is assumed and its destination read: DescribeTrails,
    /// GetTrailStatus and GetEventSelectors, the state's PutItem, DescribeRule and ListTargetsByRule of the forwarder,
    /// the region watch's GetItem and PutItem; 16 accounts at a time, straight from the bench's clients: what moto
    /// itself allows. The reads bypass the CloudTrail budget (one account read 200 times would otherwise measure the
    /// budget's 10 calls/s, as this floor once did); each account of a real sweep has a budget of its own.
    /// </summary>
    private static async Task<(int Accounts, TimeSpan Elapsed)> FloorAsync(BenchCloud cloud, IReadOnlyList<string> accounts)
    {
        var sample = accounts.Take(Math.Min(accounts.Count, 200)).ToList();
        await using var unbudgeted = AwsServices.ForMoto(
            cloud.Endpoint,
            region: StackDeployment.CentralRegion,
            configure: services => services.AddSingleton(new DriftWatch.Aws.Accounts.CloudTrailRateLimiter(100_000, TimeProvider.System)));
        var cloudTrail = unbudgeted.GetRequiredService<DriftWatch.Aws.CloudTrail.ICloudTrailClient>();
        var eventBridge = unbudgeted.GetRequiredService<DriftWatch.Aws.EventBridge.IEventBridgeClient>();
        var table = new DriftWatch.Records.StorageOptions().StateTable;
        var region = StackDeployment.CentralRegion;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (account, ct) =>
        {
            foreach (var trail in await cloudTrail.DescribeTrailsAsync(BenchCloud.Account, region, ct))
            {
                await Task.WhenAll(
                    cloudTrail.GetTrailStatusAsync(BenchCloud.Account, trail.HomeRegion, trail.Arn, ct),
                    cloudTrail.GetEventSelectorsAsync(BenchCloud.Account, trail.HomeRegion, trail.Arn, ct));
            }

            var key = new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> { ["AccountId"] = new() { S = "floor-" + account } };
            await cloud.Dynamo.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest { TableName = table, Item = new(key) { ["Version"] = new() { N = "0" } } }, ct);
            if (await eventBridge.DescribeRuleAsync(BenchCloud.Account, BenchCloud.HomeRegion, ForwarderRules.RuleName, ct) is not null)
            {
                await eventBridge.ListTargetsByRuleAsync(BenchCloud.Account, BenchCloud.HomeRegion, ForwarderRules.RuleName, ct);
            }

            var watch = new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> { ["AccountId"] = new() { S = "floor-watch-" + account } };
            await cloud.Dynamo.GetItemAsync(new Amazon.DynamoDBv2.Model.GetItemRequest { TableName = table, Key = watch, ConsistentRead = true }, ct);
            await cloud.Dynamo.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest { TableName = table, Item = new(watch) { ["Version"] = new() { N = "0" } } }, ct);
        });
        return (sample.Count, clock.Elapsed);
    }

    private static async Task QueueBacklogAsync(BenchCloud cloud, Report report, string s, IReadOnlyList<string> accounts, int backlog)
    {
        var queue = await cloud.QueueUrlAsync();
        var fill = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, (backlog + 9) / 10), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
        {
            var entries = Enumerable.Range(batch * 10, Math.Min(10, backlog - (batch * 10))).Select(i => new SendMessageBatchRequestEntry
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                MessageBody = new JsonObject
                {
                    ["version"] = "0",
                    ["detail-type"] = CloudTrailEvent.DetailType,
                    ["source"] = CloudTrailEvent.Source,
                    ["region"] = BenchCloud.HomeRegion,
                    ["detail"] = CloudTrailEvent.Detail("StopLogging", BenchCloud.HomeRegion, BenchCloud.Trail, accounts[i % accounts.Count], Guid.NewGuid().ToString()),
                }.ToJsonString(),
            }).ToList();
            await cloud.Sqs.SendMessageBatchAsync(queue, entries, ct);
        });
        report.Info(s, $"backlog queued before the accounts are provisioned and the worker starts", $"{await cloud.DepthAsync()} messages ({fill.Elapsed.TotalSeconds:0} s to send)");
    }

    private static async Task MemoryAsync(
        BenchCloud cloud, Report report, string s, string cli, IReadOnlyList<string> accounts, TimeSpan watch, IReadOnlyDictionary<string, string> workerEnvironment)
    {
        report.Info(s, "backlog queued when the worker starts", $"{await cloud.DepthAsync()} messages");
        var settings = new Dictionary<string, string>(WorkerProcess.WatchEnvironment(cloud.Endpoint))
        {
            ["DriftWatch__Sweep__Concurrency"] = "16",
            ["DriftWatch__Regions__0"] = BenchCloud.HomeRegion,
            // Off here only: each heartbeat is a PutEvents through two rules, ~300 ms of moto's one interpreter, so
            // 1,000 of them at start would measure moto's EventBridge instead of the worker's memory.
            ["DriftWatch__Heartbeat__Enabled"] = "false",
        };
        foreach (var (name, value) in workerEnvironment)
        {
            settings[name] = value;
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            settings[$"DriftWatch__Sweep__Accounts__{i}"] = accounts[i];
        }

        // The watch sweeps while it works the backlog, both on one moto: give 1,000 accounts 8 minutes, not 4.
        var cap = TimeSpan.FromMinutes(Math.Max(4, accounts.Count / 125.0));
        var samples = new List<double>();
        var clock = Stopwatch.StartNew();
        await using var worker = ChildProcess.Start(new ChildCommand(cli, ["watch"]), new ChildProcessOptions
        {
            Environment = settings,
            KeepOutput = true,
            Timeout = cap + TimeSpan.FromMinutes(5),
        });
        TimeSpan? swept = null;
        var depthAtSwept = -1;
        while (clock.Elapsed < cap && !worker.HasExited)
        {
            samples.Add(Machine.MemoryMb(worker.Pid, "VmRSS"));
            if (swept is null && worker.Output.Contains("Swept ", StringComparison.Ordinal))
            {
                swept = clock.Elapsed;
                depthAtSwept = await cloud.DepthAsync();
            }

            if (swept is { } at && clock.Elapsed - at > watch)
            {
                break;
            }

            await Task.Delay(500);
        }

        var peak = Machine.MemoryMb(worker.Pid, "VmHWM");
        var now = Machine.MemoryMb(worker.Pid, "VmRSS");
        // Heap and stacks (anonymous) apart from mapped files (the ReadyToRun composite's code pages, mostly).
        var anon = Machine.MemoryMb(worker.Pid, "RssAnon");
        var mapped = Machine.MemoryMb(worker.Pid, "RssFile");
        var left = await cloud.DepthAsync();
        await worker.TerminateAsync(TimeSpan.FromSeconds(30));
        var sweepLine = worker.Output.Split('\n').FirstOrDefault(l => l.Contains("Swept ", StringComparison.Ordinal))?.Trim();
        report.Info(s, "driftwatch watch: start-up sweep (its own log line)", sweepLine is null ? $"not seen within {cap.TotalMinutes:0} min" : $"{swept!.Value.TotalSeconds:0} s from process start; \"{Tail(sweepLine)}\"");
        report.Info(s, "  queue depth when swept / at the end", $"{depthAtSwept} / {left} (moto drains a deep queue at a few messages/s: see section 3's floor)");
        report.Target(s, "  RSS peak (VmHWM), 1 process", $"{peak:0} MB (now {now:0} MB: {anon:0} anonymous, {mapped:0} mapped files; samples p50 {Stats.Of(samples).P50:0} MB)", "<= 150 MB", peak is > 0 and <= 150);
    }

    private static string Tail(string line) => line.Length > 90 ? line[^90..] : line;

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
