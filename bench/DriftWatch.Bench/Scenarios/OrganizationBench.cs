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
/// the busiest second of any one account, and the interval SweepCadence derives from that sweep with its worst-case
/// detection. (b) Memory: the published `driftwatch watch` process with the same accounts and a backlog of events
/// queued before it starts (10,000 in full), its RSS sampled from /proc while it sweeps and works the backlog.
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
        var provision = Stopwatch.StartNew();
        await cloud.ProvisionAccountsAsync(accounts);
        report.Info(S, $"{accountCount} accounts provisioned (AssumeRole, bucket, trail each)", $"{provision.Elapsed.TotalSeconds:0} s");

        var sweepTime = await SweepInProcessAsync(cloud, report, S, accounts);
        LastSweep = sweepTime;
        var interval = SweepCadence.Interval(SweepCadence.DefaultInterval, sweepTime);
        var detection = SweepCadence.WorstCaseDetection(interval, sweepTime);
        report.Info(S, "adaptive sweep interval (default setting)", $"{interval.TotalSeconds:0} s (was {SweepCadence.DefaultInterval.TotalMinutes:0} min)");
        report.Target(S, "worst-case detection of an unannounced change", $"{detection.TotalSeconds:0} s", "<= 120 s", detection <= TimeSpan.FromMinutes(2));

        if (cli is null || !File.Exists(cli))
        {
            report.Info(S, "memory (driftwatch watch)", "skipped: no published CLI (bench/run.sh publishes it)");
            return;
        }

        await cloud.ClearRecordsAsync();
        await MemoryAsync(cloud, report, S, cli, accounts, backlog, backlogWatch, workerEnvironment);
    }

    private static async Task<TimeSpan> SweepInProcessAsync(BenchCloud cloud, Report report, string s, IReadOnlyList<string> accounts)
    {
        var settings = InProcessWorker.SweepSettings(accounts, 16);

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
        return steadyWall;
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

    private static async Task MemoryAsync(
        BenchCloud cloud, Report report, string s, string cli, IReadOnlyList<string> accounts, int backlog, TimeSpan watch, IReadOnlyDictionary<string, string> workerEnvironment)
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
        report.Info(s, $"backlog queued before the worker starts", $"{await cloud.DepthAsync()} messages ({fill.Elapsed.TotalSeconds:0} s to send)");

        var settings = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = cloud.Endpoint.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_REGION"] = StackDeployment.CentralRegion,
            ["DriftWatch__Aws__EndpointUrl"] = cloud.Endpoint.ToString(),
            ["DriftWatch__Aws__Region"] = StackDeployment.CentralRegion,
            ["DriftWatch__Sweep__Concurrency"] = "16",
            ["DriftWatch__Regions__0"] = BenchCloud.HomeRegion,
            // Off here only: each heartbeat is a PutEvents through two rules, ~300 ms of moto's one interpreter, so
            // 1,000 of them at start would measure moto's EventBridge instead of the worker's memory.
            ["DriftWatch__Heartbeat__Enabled"] = "false",
            ["DriftWatch__Logging__Level"] = "Information",
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
