using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Aws.Accounts;
using DriftWatch.Aws.CloudTrail;
using DriftWatch.Aws.Destinations;
using DriftWatch.Aws.Snapshots;
using DriftWatch.Core.Trails;
using DriftWatch.Bench.Harness;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Testing;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static DriftWatch.Worker.Telemetry.PipelineTelemetry;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 1. Detection latency, side by side with a plain sequential peer (bench/peer/sequential_peer.py: boto3, warm
/// clients, the same reads and one TransactWriteItems per change). Each round makes a real change (StopLogging, then
/// StartLogging, alternating) and SendMessage-s the EventBridge envelope of its CloudTrail event straight to one
/// consumer's queue, alternating DriftWatch and the peer, one message at a time; the clock runs from just before
/// SendMessage (the message cannot be visible earlier) to the webhook's receipt. No PutEvents: moto puts the message
/// in SQS during PutEvents, so a clock started when PutEvents comes back undercounts (a 0 ms p50 was seen). Stages come from
/// the worker's own spans (PipelineTelemetry); the floor is the same calls back to back. Rounds start RoundGap apart,
/// so the one account stays inside the CloudTrail budget the worker holds it to (a faster series measures that budget's
/// waits, not the pipeline); the series prints how many calls still waited.
/// </summary>
public static class LatencyBench
{
    /// <summary>The peer's own queue, beside the worker's, in the central region.</summary>
    private const string PeerQueue = "driftwatch-bench-peer";

    /// <summary>
    /// Start to start of two rounds: a DriftWatch round every other round makes 3 CloudTrail calls per 2 gaps, well
    /// inside the 10 a second the worker holds each account and region to.
    /// </summary>
    private static readonly TimeSpan RoundGap = TimeSpan.FromMilliseconds(250);

    public static async Task RunAsync(BenchCloud cloud, Report report, int events)
    {
        const string S = "1 latency";
        await cloud.ClearRecordsAsync();
        await cloud.DeleteAllTrailsAsync();
        await cloud.CreateCompliantTrailAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var workerQueue = await cloud.QueueUrlAsync();
        var peerQueue = (await cloud.Sqs.CreateQueueAsync(PeerQueue)).QueueUrl;

        using var recorder = new StageRecorder();
        await using var webhook = new WebhookReceiver();
        var host = InProcessWorker.Build(cloud.Endpoint, webhook.Url);
        await host.StartAsync();
        await WaitFirstVerdictAsync(cloud);
        await using var peer = await StartPeerAsync(cloud, peerQueue, webhook.Url);

        var ours = new List<(string EventId, double Ms, DateTimeOffset Delivered, bool Stop)>();
        var theirs = new List<(double Ms, bool Stop)>();
        var missing = new Dictionary<string, int> { ["driftwatch"] = 0, ["peer"] = 0 };
        // 32 rounds each before counting: .NET compiles a method again, optimised, after about 30 calls (tiered
        // compilation), and each stage of the path runs about once a message; a worker that has run for a minute is
        // past that, as the peer's warm clients are past their first calls.
        const int warmup = 64;
        var budget = Stopwatch.StartNew();
        var limiter = host.Services.GetRequiredService<CloudTrailRateLimiter>();
        var waitsBefore = limiter.Waits;
        var pace = Stopwatch.StartNew();
        for (var i = 0; i < 2 * events + warmup && budget.Elapsed < TimeSpan.FromMinutes(5); i++)
        {
            // One account, kept inside its CloudTrail budget (10 calls a second, held by the worker as AWS throttles at
            // it): otherwise the series measures the rate limiter, not the pipeline. Waiting is outside every clock.
            await Task.Delay(RoundGap - pace.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
            pace.Restart();
            // Pairs (DriftWatch, peer) with the order flipped every other pair, so neither always follows the other.
            var toPeer = (i % 2 == 0) == (i / 2 % 2 == 0);
            var stop = i / 2 % 2 == 0;
            await (stop
                ? cloud.Trails.StopLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion)
                : cloud.Trails.StartLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion));

            var eventId = Guid.NewGuid().ToString();
            var body = Envelope(stop ? "StopLogging" : "StartLogging", eventId);
            var sent = DateTimeOffset.UtcNow;
            await cloud.Sqs.SendMessageAsync(toPeer ? peerQueue : workerQueue, body);
            var delivery = await webhook.NextAsync(TimeSpan.FromSeconds(10));
            if (i < warmup)
            {
                webhook.Drain();
                continue;
            }

            if (delivery is null || delivery.EventId != eventId)
            {
                missing[toPeer ? "peer" : "driftwatch"]++;
                await Task.Delay(1000);
                webhook.Drain();
                continue;
            }

            var ms = (delivery.ReceivedAt - sent).TotalMilliseconds;
            if (toPeer)
            {
                theirs.Add((ms, stop));
            }
            else
            {
                ours.Add((eventId, ms, delivery.ReceivedAt, stop));
            }
        }

        var limiterWaits = limiter.Waits - waitsBefore;
        await Task.Delay(500);
        await host.StopAsync(CancellationToken.None);
        var spans = recorder.Spans;
        var messages = spans.Where(s => s.Name == Message && s.EventId is not null).ToDictionary(s => s.EventId!, s => s);
        var byTrace = spans.GroupBy(s => s.TraceId).ToDictionary(g => g.Key, g => g.ToList());

        var fromSent = new List<double>();
        var queue = new List<double>();
        var dispatch = new List<double>();
        var state = new List<double>();
        var trails = new List<double>();
        var critical = new List<double>();
        var decide = new List<double>();
        var commit = new List<double>();
        var commitByDirection = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var sink = new List<double>();
        var outside = new List<double>();
        var beforeReads = new List<double>();
        var perCall = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var commitToNotify = new List<double>();
        foreach (var (eventId, ms, delivered, stop) in ours)
        {
            if (!messages.TryGetValue(eventId, out var message) || !byTrace.TryGetValue(message.TraceId, out var trace))
            {
                continue;
            }

            StageRecorder.Span? One(string name) => trace.FirstOrDefault(s => s.Name == name);
            if (One(Evaluate) is not { } evaluate || One(TrailsRead) is not { } api || One(Commit) is not { } committed || One(Notify) is not { } notify)
            {
                continue;
            }

            // No state read when the worker starts from the state it committed last (CommittedStates).
            var read = One(StateRead);

            if (message.SentAt is { } sentAt)
            {
                fromSent.Add((delivered - sentAt).TotalMilliseconds);
            }

            var readsEnd = read is not null && read.End > api.End ? read.End : api.End;
            var readsStart = read is not null && read.Start < api.Start ? read.Start : api.Start;
            queue.Add((message.Start - delivered).TotalMilliseconds + ms);
            dispatch.Add((evaluate.Start - message.Start).TotalMilliseconds);
            if (read is not null)
            {
                state.Add(read.Ms);
            }

            trails.Add(api.Ms);
            foreach (var call in trace.Where(t => t.Method is not null))
            {
                (perCall.TryGetValue(call.Method!, out var durations) ? durations : perCall[call.Method!] = []).Add(call.Ms);
            }

            critical.Add((readsEnd - readsStart).TotalMilliseconds);
            decide.Add((committed.Start - readsEnd).TotalMilliseconds);
            commit.Add(committed.Ms);
            commitByDirection[stop].Add(committed.Ms);
            sink.Add((delivered - notify.Start).TotalMilliseconds);
            var inSpans = queue[^1] + dispatch[^1] + critical[^1] + decide[^1] + commit[^1] + sink[^1];
            outside.Add(ms - inSpans);
            beforeReads.Add((readsStart - evaluate.Start).TotalMilliseconds);
            commitToNotify.Add((notify.Start - committed.End).TotalMilliseconds);
        }

        var dw = Stats.Of(ours.Select(o => o.Ms));
        var py = Stats.Of(theirs.Select(t => t.Ms));
        report.Info(S, "load at the start of the series", Machine.Load());
        report.Info(S, "round gap; worker calls that waited for budget", $"{RoundGap.TotalMilliseconds:0} ms; {limiterWaits}");
        report.Info(S, "rounds kept (DriftWatch / peer), lost", $"{ours.Count} / {theirs.Count}, lost {missing["driftwatch"]} / {missing["peer"]}");
        report.Info(S, "DriftWatch: SendMessage -> webhook", $"{dw} (max {dw.Max:0.0})");
        report.Info(S, "sequential boto3 peer: SendMessage -> webhook", $"{py} (max {py.Max:0.0})");
        report.Target(S, "p50 speed-up (peer p50 / DriftWatch p50)", $"{py.P50 / dw.P50:0.00}x", ">= 1.25x", py.P50 / dw.P50 >= 1.25);
        report.Target(S, "p99 ratio (DriftWatch p99 / peer p99)", $"{dw.P99 / py.P99:0.00}x", "<= 1.2x", dw.P99 / py.P99 <= 1.2);
        // The rounds alternate: a StopLogging opens an incident (DriftWatch's transaction puts its row), a StartLogging
        // resolves it (an Update of that row). The peer keeps no incidents: both its directions write the same 2 items.
        foreach (var (stop, what) in new[] { (true, "StopLogging rounds (DriftWatch opens an incident)"), (false, "StartLogging rounds (DriftWatch resolves it)") })
        {
            var ourSide = Stats.Of(ours.Where(o => o.Stop == stop).Select(o => o.Ms));
            var theirSide = Stats.Of(theirs.Where(t => t.Stop == stop).Select(t => t.Ms));
            report.Info(S, $"  {what}: DriftWatch / peer p50, speed-up", $"{ourSide.P50:0.0} / {theirSide.P50:0.0} ms, {theirSide.P50 / ourSide.P50:0.00}x");
        }

        report.Info(S, "DriftWatch: SQS SentTimestamp (ms) -> webhook", Stats.Of(fromSent).ToString());
        report.Info(S, "  queue wait (SendMessage -> received)", Stats.Of(queue).ToString());
        report.Info(S, "  parse+mediator+coalescer", Stats.Of(dispatch).ToString());
        report.Info(S, "  state read (DynamoDB GetItem), rounds that needed one", $"{Stats.Of(state)}; {state.Count} of {commit.Count}");
        report.Info(S, "  evaluation API calls (CloudTrail x3)", Stats.Of(trails).ToString());
        foreach (var (method, durations) in perCall.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            report.Info(S, $"    {method} (a call span, rate gate and retries included)", Stats.Of(durations).ToString());
        }

        report.Info(S, "  both reads, first start -> last end", Stats.Of(critical).ToString());
        report.Info(S, "  evaluate+decide (pure)", Stats.Of(decide).ToString());
        report.Info(S, "  persistence (TransactWriteItems)", Stats.Of(commit).ToString());
        report.Info(S, "    opening (state, transition, incident row put) / resolving (the incident row updated), p50", $"{Stats.Of(commitByDirection[true]).P50:0.0} / {Stats.Of(commitByDirection[false]).P50:0.0} ms");
        report.Info(S, "  sink (notify start -> webhook received)", Stats.Of(sink).ToString());
        report.Info(S, "  of which: evaluate start -> first read", Stats.Of(beforeReads).ToString());
        report.Info(S, "  of which: commit end -> notify start", Stats.Of(commitToNotify).ToString());
        report.Info(S, "  total minus the stages above, per round", Stats.Of(outside).ToString());

        var floor = await FloorAsync(cloud, webhook, Math.Max(50, events / 2), report);
        report.Info(S, "floor: same calls back to back, no worker", floor.ToString());
        report.Info(S, "worker overhead over floor (p50)", $"{dw.P50 - floor.P50:0.0} ms");
        var readPath = await ReadPathAsync(host.Services.GetRequiredService<IAccountSnapshotReader>(), 30);
        report.Info(S, "floor: the worker's read path alone (IAccountSnapshotReader, same 3 calls)", readPath.ToString());
        await cloud.Sqs.DeleteQueueAsync(peerQueue);
    }

    /// <summary>The body the central rule would deliver for the CloudTrail event: the EventBridge envelope.</summary>
    private static string Envelope(string eventName, string eventId) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = CloudTrailEvent.DetailType,
        ["source"] = CloudTrailEvent.Source,
        ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["region"] = BenchCloud.HomeRegion,
        ["resources"] = new JsonArray(),
        ["detail"] = CloudTrailEvent.Detail(eventName, BenchCloud.HomeRegion, BenchCloud.Trail, BenchCloud.Account, eventId),
    }.ToJsonString();

    private static async Task<ChildProcess> StartPeerAsync(BenchCloud cloud, string queueUrl, Uri webhook)
    {
        var tables = new StorageOptions();
        var script = Path.Combine(RepositoryRoot.Path, "bench", "peer", "sequential_peer.py");
        var peer = ChildProcess.Start(
            new ChildCommand("python3", [script, cloud.Endpoint.ToString().TrimEnd('/'), Testing.StackDeployment.CentralRegion, queueUrl, webhook.ToString(), tables.StateTable, tables.TransitionsTable]),
            new ChildProcessOptions
            {
                KeepInputOpen = true,
                OnLine = (process, line) =>
                {
                    if (line.IsError && line.Text.Length > 0)
                    {
                        Console.Error.WriteLine($"[peer {process.Pid}] {line.Text}");
                    }
                },
            });
        _ = await peer.WaitForLineAsync("READY", TimeSpan.FromSeconds(30))
            ?? throw new TimeoutException($"the sequential peer was not ready within 30 s:\n{peer.Output}");
        return peer;
    }

    private static async Task WaitFirstVerdictAsync(BenchCloud cloud)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if ((await cloud.StateVersionsAsync()).ContainsKey(BenchCloud.Account))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the worker recorded no first verdict within 30 s");
    }

    /// <summary>
    /// The worker's own read path (account caller, rate gate, retries, reader, cached destinations) back to back with
    /// the worker stopped: beside the floor's raw calls, what the path itself adds; beside the series' trails stage,
    /// what a running worker adds. Paced so its 3 calls a round stay inside the CloudTrail budget.
    /// </summary>
    private static async Task<Stats> ReadPathAsync(IAccountSnapshotReader reader, int rounds)
    {
        var samples = new List<double>();
        IReadOnlyCollection<TrailInfo> seen = [];
        for (var i = 0; i < rounds + 5; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(350));
            var clock = Stopwatch.StartNew();
            // As the worker reads: the trails it saw last read ahead of DescribeTrails.
            var snapshot = await reader.ReadAsync(BenchCloud.Account, Testing.StackDeployment.CentralRegion, DestinationReads.Cached, seen, CancellationToken.None);
            seen = snapshot.Trails.Select(t => t.Trail).ToList();
            if (i >= 5)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return Stats.Of(samples);
    }

    /// <summary>The evaluation's calls with nothing around them, in the worker's dependency order.</summary>
    private static async Task<Stats> FloorAsync(BenchCloud cloud, WebhookReceiver webhook, int rounds, Report report)
    {
        // Per call, in the order first timed.
        var calls = new List<(string Call, List<double> Ms)>();
        var lap = Stopwatch.StartNew();
        void Lap(string call)
        {
            var at = calls.FindIndex(c => c.Call == call);
            if (at < 0)
            {
                calls.Add((call, []));
                at = calls.Count - 1;
            }

            calls[at].Ms.Add(lap.Elapsed.TotalMilliseconds);
            lap.Restart();
        }

        var tables = new StorageOptions();
        var region = Testing.StackDeployment.CentralRegion;
        using var http = new HttpClient();
        var body = new string('x', 1500);
        var samples = new List<double>();
        for (var i = 0; i < rounds + 5; i++)
        {
            // Three CloudTrail calls a round: paced inside the budget, as the series is.
            await Task.Delay(RoundGap);
            var clock = Stopwatch.StartNew();
            lap.Restart();
            await cloud.Dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = tables.StateTable,
                Key = new() { ["AccountId"] = new AttributeValue { S = BenchCloud.Account } },
                ConsistentRead = true,
            });
            Lap("GetItem");
            var cloudTrail = cloud.Aws.GetRequiredService<ICloudTrailClient>();
            var trails = await cloudTrail.DescribeTrailsAsync(BenchCloud.Account, region, CancellationToken.None);
            Lap("DescribeTrails");
            await Task.WhenAll(trails.Select(async t =>
            {
                await Task.WhenAll(
                    cloudTrail.GetTrailStatusAsync(BenchCloud.Account, t.HomeRegion, t.Arn, CancellationToken.None),
                    cloudTrail.GetEventSelectorsAsync(BenchCloud.Account, t.HomeRegion, t.Arn, CancellationToken.None));
            }));
            Lap("GetTrailStatus | GetEventSelectors");
            var key = "floor-" + i.ToString(CultureInfo.InvariantCulture);
            await cloud.Dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    new() { Put = new Put { TableName = tables.StateTable, Item = new() { ["AccountId"] = new AttributeValue { S = key }, ["Version"] = new AttributeValue { N = "1" } }, ConditionExpression = "attribute_not_exists(AccountId)" } },
                    new() { Put = new Put { TableName = tables.TransitionsTable, Item = new() { ["AccountId"] = new AttributeValue { S = key }, ["TransitionKey"] = new AttributeValue { S = "k" } }, ConditionExpression = "attribute_not_exists(TransitionKey)" } },
                ],
            });
            Lap("TransactWriteItems (2 items)");
            using var content = new StringContent($"{{\"type\":\"floor\",\"pad\":\"{body}\"}}", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(webhook.Url, content);
            await webhook.NextAsync(TimeSpan.FromSeconds(5));
            Lap("POST -> webhook");
            if (i >= 5)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        foreach (var (call, ms) in calls)
        {
            report.Info("1 latency", "  floor: " + call, Stats.Of(ms.Skip(5)).ToString());
        }

        return Stats.Of(samples);
    }
}
