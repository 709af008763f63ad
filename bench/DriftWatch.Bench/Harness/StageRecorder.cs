using System.Collections.Concurrent;
using System.Diagnostics;
using DriftWatch.Aws.Http;
using DriftWatch.Worker.Telemetry;

namespace DriftWatch.Bench.Harness;

/// <summary>Collects the worker's per-stage spans (PipelineTelemetry) and its AWS call spans (AwsCallTelemetry) while it runs in this process.</summary>
public sealed class StageRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Span> _spans = new();

    /// <summary>Starts listening.</summary>
    public StageRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PipelineTelemetry.SourceName or AwsCallTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _spans.Enqueue(new Span(
                a.OperationName,
                a.TraceId.ToString(),
                new DateTimeOffset(a.StartTimeUtc, TimeSpan.Zero),
                a.Duration.TotalMilliseconds,
                a.GetTagItem("driftwatch.event_id") as string,
                a.GetTagItem("driftwatch.account_id") as string,
                a.GetTagItem("driftwatch.api_calls") is int calls ? calls : 0,
                a.GetTagItem("messaging.sent_at") as DateTimeOffset?)
            {
                Method = a.GetTagItem(AwsCallTelemetry.MethodTag) as string,
            }),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Every span stopped so far.</summary>
    public IReadOnlyList<Span> Spans => _spans.ToList();

    /// <summary>Forgets what was recorded.</summary>
    public void Clear() => _spans.Clear();

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    /// <summary>One stopped span.</summary>
    public sealed record Span(string Name, string TraceId, DateTimeOffset Start, double Ms, string? EventId, string? AccountId, int ApiCalls, DateTimeOffset? SentAt)
    {
        /// <summary>The AWS operation of a call span (AwsCallTelemetry); null on a stage span.</summary>
        public string? Method { get; init; }

        /// <summary>When it ended.</summary>
        public DateTimeOffset End => Start.AddMilliseconds(Ms);
    }
}
