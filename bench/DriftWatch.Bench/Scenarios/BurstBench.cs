using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using DriftWatch.Bench.Harness;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 3 and 4. Burst: N CloudTrail events over 100 accounts are queued before the worker starts, then 1 or 2 worker
/// processes drain them. Evaluations per account are read back from the state table (each commit bumps Version).
/// The messages are the exact envelope the deployed rules deliver (one is captured through PutEvents first) with
/// the account and event id changed, and sent with SendMessageBatch: going through PutEvents would take moto
/// ~300 ms per event. Also the worker's idle RSS, and its peak RSS during the burst. The workers are the published
/// `driftwatch watch` when the bench has the CLI (bench/run.sh always gives it), so the memory is the deployed
/// worker's; otherwise the bench's own worker, which runs JIT with tiering and is the larger of the two.
/// </summary>
public static class BurstBench
{
    public static async Task RunAsync(BenchCloud cloud, Report report, string? cli, int events, int[] workerCounts, TimeSpan limit)
    {
        const string S = "3 burst";
        WorkerProcess Worker() => cli is not null && File.Exists(cli) ? WorkerProcess.Watch(cli, cloud.Endpoint) : WorkerProcess.Start(cloud.Endpoint, null);
        await cloud.ClearRecordsAsync();
        await cloud.DeleteAllTrailsAsync();
        await cloud.CreateCompliantTrailAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var template = await CaptureEnvelopeAsync(cloud);
        var accounts = Enumerable.Range(0, 100).Select(i => (200000000000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        await cloud.ProvisionAccountsAsync(accounts);

        // 4. memory: one worker on an empty queue.
        await using (var idle = Worker())
        {
            report.Info("4 memory", "worker process", idle.Kind);
            var ready = await idle.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(3));
            var (rss, _) = idle.Memory();
            report.Info("4 memory", "worker start to ready (process)", $"{ready.TotalMilliseconds:0} ms");
            report.Target("4 memory", "worker RSS idle", $"{rss:0.0} MB", "<= 150 MB", rss is > 0 and <= 150);
        }

        foreach (var workers in workerCounts)
        {
            await cloud.ClearRecordsAsync();
            var enqueue = await EnqueueAsync(cloud, template, accounts, events);
            var depth = await cloud.DepthAsync();
            var started = Stopwatch.GetTimestamp();
            var processes = Enumerable.Range(0, workers).Select(_ => Worker()).ToList();
            try
            {
                double peak = 0;
                TimeSpan? drained = null;
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < limit)
                {
                    peak = Math.Max(peak, processes.Sum(p => p.Memory().Rss));
                    if (await cloud.DepthAsync() == 0)
                    {
                        drained = Stopwatch.GetElapsedTime(started);
                        break;
                    }

                    await Task.Delay(200);
                }

                var left = drained is null ? await cloud.DepthAsync() : 0;
                var peaks = processes.Select(p => p.Memory().Peak).ToList();
                var versions = await cloud.StateVersionsAsync();
                var perAccount = accounts.Select(a => versions.TryGetValue(a, out var v) ? v : 0).ToList();
                var label = workers == 1 ? "1 worker" : $"{workers} workers";
                var seconds = (drained ?? limit).TotalSeconds;
                report.Info(S, $"{label}: events queued (enqueue time)", $"{depth} ({enqueue.TotalSeconds:0.0} s)");
                report.Target(
                    S,
                    $"{label}: time to drain (from process start)",
                    drained is { } d ? $"{d.TotalSeconds:0.0} s" : $"not drained in {limit.TotalSeconds:0} s ({left} left)",
                    workers == 1 ? "< 30 s" : "",
                    drained is { } ok && (workers != 1 || ok < TimeSpan.FromSeconds(30)));
                report.Info(S, $"{label}: throughput", $"{(depth - left) / seconds:0} events/s");
                report.Target(
                    S,
                    $"{label}: evaluations per account (max, mean)",
                    $"{perAccount.Max()}, {perAccount.Average():0.00} ({perAccount.Sum()} in all)",
                    "<= 2",
                    perAccount.Max() <= 2);
                report.Target("4 memory", $"{label}: peak RSS during burst (VmHWM, per process)", string.Join(", ", peaks.Select(p => $"{p:0.0} MB")), "<= 150 MB", peaks.All(p => p is > 0 and <= 150));
                report.Info("4 memory", $"{label}: moto RSS after burst", $"{Machine.MemoryMb(cloud.MotoPid, "VmRSS"):0} MB");
            }
            finally
            {
                foreach (var process in processes)
                {
                    await process.DisposeAsync();
                }
            }
        }
    }

    /// <summary>The emulator's floor for a drain: receive 10 and delete them in one batch, 4 loops, nothing else.</summary>
    public static async Task FloorAsync(BenchCloud cloud, Report report, int events)
    {
        await cloud.ClearRecordsAsync();
        var template = JsonNode.Parse("""{"detail":{}}""")!.AsObject();
        await EnqueueAsync(cloud, template, ["000000000000"], events);
        var url = await cloud.QueueUrlAsync();
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromMinutes(3);
        var drained = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 4), async (_, ct) =>
        {
            while (clock.Elapsed < limit)
            {
                var got = await cloud.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 0, VisibilityTimeout = 60 }, ct);
                if (got.Messages is not { Count: > 0 } messages)
                {
                    return;
                }

                await cloud.Sqs.DeleteMessageBatchAsync(url, messages.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(), ct);
                Interlocked.Add(ref drained, messages.Count);
            }
        });
        report.Info("3 burst", $"emulator floor: SQS receive+delete {drained} msgs, nothing else", $"{clock.Elapsed.TotalSeconds:0.0} s ({drained / clock.Elapsed.TotalSeconds:0} msgs/s)");
    }

    /// <summary>Publishes one event through the deployed rules and reads the envelope the queue received.</summary>
    private static async Task<JsonObject> CaptureEnvelopeAsync(BenchCloud cloud)
    {
        var url = await cloud.QueueUrlAsync();
        await cloud.PublishAsync("StopLogging", BenchCloud.HomeRegion, BenchCloud.Trail);
        var received = await cloud.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 1, WaitTimeSeconds = 5 });
        var message = received.Messages?.SingleOrDefault() ?? throw new InvalidOperationException("the published event never reached the queue");
        await cloud.Sqs.DeleteMessageAsync(url, message.ReceiptHandle);
        return JsonNode.Parse(message.Body)!.AsObject();
    }

    private static async Task<TimeSpan> EnqueueAsync(BenchCloud cloud, JsonObject template, IReadOnlyList<string> accounts, int events)
    {
        var url = await cloud.QueueUrlAsync();
        var clock = Stopwatch.StartNew();
        var batches = Enumerable.Range(0, events).Chunk(10).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
        {
            var entries = batch.Select(i =>
            {
                var body = template.DeepClone().AsObject();
                var account = accounts[i % accounts.Count];
                body["id"] = Guid.NewGuid().ToString();
                body["account"] = account;
                var detail = body["detail"]!.AsObject();
                detail["recipientAccountId"] = account;
                detail["eventID"] = Guid.NewGuid().ToString();
                return new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), body.ToJsonString());
            }).ToList();
            var result = await cloud.Sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = url, Entries = entries }, ct);
            if (result.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException($"SendMessageBatch refused {failed.Count} messages: {failed[0].Message}");
            }
        });
        return clock.Elapsed;
    }
}
