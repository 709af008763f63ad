using System.Diagnostics;
using DriftWatch.Aws;
using DriftWatch.Bench.Harness;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 2. CloudTrail calls per evaluation with 1, 3 and 5 trails (each in its home region, all multi-region), through the
/// worker's own AccountEvaluator (destinations cached, as between sweeps); the calls of a cold evaluation and of one
/// on an S3/KMS event, which read the destinations; also its time and what one evaluation allocates (SDK and HTTP included).
/// </summary>
public static class ApiCallsBench
{
    private static readonly EvaluationCause DestinationEvent = EvaluationCause.FromEvents(
        [new TriggerEvent("PutBucketPolicy", "bench-destination", null, BenchCloud.HomeRegion, BenchCloud.Account, null, null, null, null, null)]);

    private static readonly string[] Homes = ["eu-west-1", "us-east-1", "ap-southeast-2", "us-east-1", "eu-west-1"];

    public static async Task RunAsync(BenchCloud cloud, Report report, int rounds)
    {
        const string S = "2 API calls";
        await cloud.ClearRecordsAsync();
        await cloud.DeleteAllTrailsAsync();
        var host = InProcessWorker.Build(cloud.Endpoint, null);
        var evaluator = host.Services.GetRequiredService<AccountEvaluator>();
        var counter = host.Services.GetRequiredService<ApiCallCounter>();
        var created = 0;
        foreach (var trails in new[] { 1, 3, 5 })
        {
            for (; created < trails; created++)
            {
                await cloud.CreateCompliantTrailAsync(created == 0 ? BenchCloud.Trail : $"extra-{created}", Homes[created]);
            }

            var calls = new HashSet<int>();
            var httpCalls = new HashSet<long>();
            var times = new List<double>();
            // The first evaluation of a worker reads every covering trail's destination (S3 + KMS); later ones reuse it.
            var coldBefore = counter.Total;
            await evaluator.EvaluateAsync(BenchCloud.Account, EvaluationCause.Sweep, CancellationToken.None);
            var cold = counter.Total - coldBefore;
            var destinationEventBefore = counter.Total;
            await evaluator.EvaluateAsync(BenchCloud.Account, DestinationEvent, CancellationToken.None);
            var destinationEvent = counter.Total - destinationEventBefore;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < rounds; i++)
            {
                var before = counter.Total;
                var clock = Stopwatch.StartNew();
                var outcome = await evaluator.EvaluateAsync(BenchCloud.Account, EvaluationCause.Sweep, CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
                calls.Add(outcome.ApiCalls);
                httpCalls.Add(counter.Total - before);
            }

            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / rounds;
            var expected = 1 + (2 * trails);
            var seen = string.Join(",", calls.Order());
            report.Target(S, $"{trails} trail(s): CloudTrail calls per evaluation", $"{seen} (HTTP counter {string.Join(",", httpCalls.Order())})", $"= {expected}", calls.SetEquals([expected]) && httpCalls.SetEquals([expected]));
            report.Info(S, $"{trails} trail(s): HTTP calls of a first (cold) evaluation / of one on an S3 or KMS event", $"{cold} / {destinationEvent} (CloudTrail {expected} + destinations, at most 4 per covering trail)");
            report.Info(S, $"{trails} trail(s): evaluation time, allocated", $"{Stats.Of(times)}, {allocated / 1024.0:0.0} KB/evaluation");
        }

        report.Note("Section 2: each evaluation also makes 2 DynamoDB calls (GetItem, then PutItem or TransactWriteItems), not CloudTrail's.");
    }
}
