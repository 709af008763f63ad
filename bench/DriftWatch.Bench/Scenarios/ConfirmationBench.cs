using System.Diagnostics;
using DriftWatch.Bench.Harness;
using DriftWatch.Testing;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 8. Confirmation reads (DriftWatch:Evaluation:ConfirmAfter, 5 s and 30 s by default): the stale read AWS's
/// eventual consistency allows, replayed on moto (the StopLogging event is published, the trail stopped 1 s later),
/// is caught by the 5 s read; then a stream of StopLogging events that change nothing costs the confirmation reads
/// of its last event only.
/// </summary>
public static class ConfirmationBench
{
    public static async Task RunAsync(BenchCloud cloud, Report report, int staleReads, int streamEvents)
    {
        const string S = "8 confirmation";
        await cloud.ClearRecordsAsync();
        await cloud.DeleteAllTrailsAsync();
        await cloud.CreateCompliantTrailAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        await using var webhook = new WebhookReceiver();
        var host = InProcessWorker.Build(cloud.Endpoint, webhook.Url);
        await host.StartAsync();
        var confirmations = host.Services.GetRequiredService<ConfirmationReads>();
        await WaitUntilAsync(async () => (await cloud.StateVersionsAsync()).ContainsKey(BenchCloud.Account), "a first verdict");

        // moto puts the message in SQS during PutEvents, so PutEvents is no clock: each incident is timed from its
        // message's SQS SentTimestamp, which the worker's message span carries.
        using var recorder = new StageRecorder();
        var caught = 0;
        var latencies = new List<double>();
        for (var i = 0; i < staleReads; i++)
        {
            var eventId = await cloud.PublishAsync("StopLogging", BenchCloud.HomeRegion, BenchCloud.Trail);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await cloud.Trails.StopLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
            if (await NoticeOfAsync(webhook, "incident.opened", eventId, TimeSpan.FromSeconds(15)) is { } opened)
            {
                caught++;
                if (recorder.Spans.FirstOrDefault(s => s.Name == PipelineTelemetry.Message && s.EventId == eventId)?.SentAt is { } sentAt)
                {
                    latencies.Add((opened.ReceivedAt - sentAt).TotalMilliseconds);
                }
            }

            await cloud.Trails.StartLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
            var restart = await cloud.PublishAsync("StartLogging", BenchCloud.HomeRegion, BenchCloud.Trail);
            await NoticeOfAsync(webhook, "incident.resolved", restart, TimeSpan.FromSeconds(15));
            await confirmations.IdleAsync();
        }

        var stale = confirmations.Counts;
        report.Target(S, $"stale reads caught by a confirmation read", $"{caught} of {staleReads}", "all", caught == staleReads);
        report.Info(S, "  SQS SentTimestamp -> incident (stop made 1 s after the event)", Stats.Of(latencies).ToString());
        report.Info(S, "  confirmation reads made / shared / found the change", $"{stale.Reads} / {stale.Shared} / {stale.ChangesFound}");

        if (streamEvents > 0)
        {
            var before = confirmations.Counts;
            for (var i = 0; i < streamEvents; i++)
            {
                await cloud.PublishAsync("StopLogging", BenchCloud.HomeRegion, BenchCloud.Trail);
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            await WaitUntilAsync(() => Task.FromResult(confirmations.Counts.Scheduled - before.Scheduled == streamEvents), "every event evaluated");
            await confirmations.IdleAsync();
            var after = confirmations.Counts;
            report.Target(
                S, $"a stream of {streamEvents} no-change StopLogging events, 0.5 s apart: confirmation reads", $"{after.Reads - before.Reads}",
                "= 2 (its last event's)", after.Reads - before.Reads == 2);
        }

        await host.StopAsync(CancellationToken.None);
        report.Note("Section 8: each confirmation read is one evaluation, 1 + 2 x trails CloudTrail calls like any other.");
    }

    /// <summary>
    /// The notice of the type the event caused, or null within the timeout. Any other notice (the monitoring incident a
    /// fresh worker may open, an earlier round's) is passed over: counting it would count a stale read as caught that no
    /// confirmation read found.
    /// </summary>
    private static async Task<WebhookReceiver.Delivery?> NoticeOfAsync(WebhookReceiver webhook, string type, string eventId, TimeSpan timeout)
    {
        try
        {
            return await webhook.WaitForAsync(type, timeout, eventId);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"no {what} within 60 s");
            }

            await Task.Delay(100);
        }
    }
}
