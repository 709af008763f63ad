using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Aws.CloudTrail;
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
/// 1. Detection latency. Each event has a real change behind it (StopLogging, then StartLogging, alternating), so each
/// one is a transition persisted and a notice delivered. One event at a time: PutEvents returns, the clock starts; the
/// webhook's receipt stops it. Stages come from the worker's own spans (PipelineTelemetry). Then the floor: the same
/// calls (GetItem, DescribeTrails, GetTrailStatus ∥ GetEventSelectors, TransactWriteItems, POST) back to back.
/// </summary>
public static class LatencyBench
{
    public static async Task RunAsync(BenchCloud cloud, Report report, int events)
    {
        const string S = "1 latency";
        await cloud.ClearRecordsAsync();
        await cloud.DeleteAllTrailsAsync();
        await cloud.CreateCompliantTrailAsync(BenchCloud.Trail, BenchCloud.HomeRegion);

        using var recorder = new StageRecorder();
        await using var webhook = new WebhookReceiver();
        var host = InProcessWorker.Build(cloud.Endpoint, webhook.Url);
        await host.StartAsync();
        await WaitFirstVerdictAsync(cloud);

        var putEvents = new List<double>();
        var samples = new List<(string EventId, DateTimeOffset Returned, DateTimeOffset Delivered)>();
        var missing = 0;
        var warmup = 6;
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < events + warmup && budget.Elapsed < TimeSpan.FromMinutes(4); i++)
        {
            var stop = i % 2 == 0;
            if (stop)
            {
                await cloud.Trails.StopLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
            }
            else
            {
                await cloud.Trails.StartLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
            }

            var sent = Stopwatch.GetTimestamp();
            var eventId = await cloud.PublishAsync(stop ? "StopLogging" : "StartLogging", BenchCloud.HomeRegion, BenchCloud.Trail);
            var returned = DateTimeOffset.UtcNow;
            var delivery = await webhook.NextAsync(TimeSpan.FromSeconds(10));
            if (i < warmup)
            {
                continue;
            }

            putEvents.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            if (delivery is null || delivery.EventId != eventId)
            {
                missing++;
                webhook.Drain();
                continue;
            }

            samples.Add((eventId, returned, delivery.ReceivedAt));
        }

        await Task.Delay(500);
        await host.StopAsync(CancellationToken.None);
        var spans = recorder.Spans;
        var messages = spans.Where(s => s.Name == Message && s.EventId is not null).ToDictionary(s => s.EventId!, s => s);
        var byTrace = spans.GroupBy(s => s.TraceId).ToDictionary(g => g.Key, g => g.ToList());

        var total = new List<double>();
        var fromSent = new List<double>();
        var queue = new List<double>();
        var dispatch = new List<double>();
        var state = new List<double>();
        var trails = new List<double>();
        var decide = new List<double>();
        var commit = new List<double>();
        var sink = new List<double>();
        foreach (var (eventId, returned, delivered) in samples)
        {
            total.Add((delivered - returned).TotalMilliseconds);
            if (!messages.TryGetValue(eventId, out var message) || !byTrace.TryGetValue(message.TraceId, out var trace))
            {
                continue;
            }

            StageRecorder.Span? One(string name) => trace.FirstOrDefault(s => s.Name == name);
            if (One(Evaluate) is not { } evaluate || One(StateRead) is not { } read || One(TrailsRead) is not { } api
                || One(Commit) is not { } committed || One(Notify) is not { } notify)
            {
                continue;
            }

            if (message.SentTimestamp is { } sentMs)
            {
                fromSent.Add((delivered - DateTimeOffset.FromUnixTimeMilliseconds(sentMs)).TotalMilliseconds);
            }

            queue.Add((message.Start - returned).TotalMilliseconds);
            dispatch.Add((evaluate.Start - message.Start).TotalMilliseconds);
            state.Add(read.Ms);
            trails.Add(api.Ms);
            decide.Add((committed.Start - api.End).TotalMilliseconds);
            commit.Add(committed.Ms);
            sink.Add((delivered - notify.Start).TotalMilliseconds);
        }

        var t = Stats.Of(total);
        report.Info(S, "events (transitions+webhooks) / lost", $"{samples.Count} / {missing}");
        report.Info(S, "PutEvents call (emulator: rule hops)", Stats.Of(putEvents).ToString());
        report.Target(S, "PutEvents returned -> webhook p50", $"{t.P50:0.0} ms", "<= 30 ms", t.P50 <= 30);
        report.Target(S, "PutEvents returned -> webhook p99", $"{t.P99:0.0} ms (p95 {t.P95:0.0}, max {t.Max:0.0})", "<= 100 ms", t.P99 <= 100);
        report.Info(S, "SQS SentTimestamp (ms) -> webhook", Stats.Of(fromSent).ToString());
        report.Info(S, "  queue wait (returned -> received)", Stats.Of(queue).ToString());
        report.Info(S, "  parse+mediator+coalescer", Stats.Of(dispatch).ToString());
        report.Info(S, "  state read (DynamoDB GetItem)", Stats.Of(state).ToString());
        report.Info(S, "  evaluation API calls (CloudTrail x3)", Stats.Of(trails).ToString());
        report.Info(S, "  evaluate+decide (pure)", Stats.Of(decide).ToString());
        report.Info(S, "  persistence (TransactWriteItems)", Stats.Of(commit).ToString());
        report.Info(S, "  sink (notify start -> webhook received)", Stats.Of(sink).ToString());

        var floor = await FloorAsync(cloud, webhook, Math.Max(50, events / 2));
        report.Info(S, "floor: same calls back to back, no worker", floor.ToString());
        report.Info(S, "worker overhead over floor (p50)", $"{t.P50 - floor.P50:0.0} ms");
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

    /// <summary>The evaluation's calls with nothing around them, in the worker's dependency order.</summary>
    private static async Task<Stats> FloorAsync(BenchCloud cloud, WebhookReceiver webhook, int rounds)
    {
        var tables = new StorageOptions();
        var region = Testing.StackDeployment.CentralRegion;
        using var http = new HttpClient();
        var body = new string('x', 1500);
        var samples = new List<double>();
        for (var i = 0; i < rounds + 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await cloud.Dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = tables.StateTable,
                Key = new() { ["AccountId"] = new AttributeValue { S = BenchCloud.Account } },
                ConsistentRead = true,
            });
            var cloudTrail = cloud.Aws.GetRequiredService<ICloudTrailClient>();
            var trails = await cloudTrail.DescribeTrailsAsync(BenchCloud.Account, region, CancellationToken.None);
            await Task.WhenAll(trails.Select(async t =>
            {
                await Task.WhenAll(
                    cloudTrail.GetTrailStatusAsync(BenchCloud.Account, t.HomeRegion, t.Arn, CancellationToken.None),
                    cloudTrail.GetEventSelectorsAsync(BenchCloud.Account, t.HomeRegion, t.Arn, CancellationToken.None));
            }));
            var key = "floor-" + i.ToString(CultureInfo.InvariantCulture);
            await cloud.Dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    new() { Put = new Put { TableName = tables.StateTable, Item = new() { ["AccountId"] = new AttributeValue { S = key }, ["Version"] = new AttributeValue { N = "1" } }, ConditionExpression = "attribute_not_exists(AccountId)" } },
                    new() { Put = new Put { TableName = tables.TransitionsTable, Item = new() { ["AccountId"] = new AttributeValue { S = key }, ["TransitionKey"] = new AttributeValue { S = "k" } }, ConditionExpression = "attribute_not_exists(TransitionKey)" } },
                ],
            });
            using var content = new StringContent($"{{\"type\":\"floor\",\"pad\":\"{body}\"}}", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(webhook.Url, content);
            await webhook.NextAsync(TimeSpan.FromSeconds(5));
            if (i >= 5)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return Stats.Of(samples);
    }
}
