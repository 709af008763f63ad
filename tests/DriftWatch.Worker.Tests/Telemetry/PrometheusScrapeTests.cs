using System.Diagnostics.Metrics;
using DriftWatch.Core.Evaluation;
using DriftWatch.Worker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace DriftWatch.Worker.Tests.Telemetry;

/// <summary>
/// Our Prometheus text over the OpenTelemetry SDK's aggregation: counters and histograms as a Prometheus server
/// parses them (TYPE lines, cumulative buckets ending in +Inf, _sum and _count), label values escaped.
/// </summary>
[Collection(nameof(MeterCollection))]
public sealed class PrometheusScrapeTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly PrometheusScrape _scrape = new();
    private readonly MeterProvider _provider;
    private readonly WorkerMetrics _metrics;

    public PrometheusScrapeTests()
    {
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter(WorkerMetrics.MeterName, "test.escaping").AddReader(_scrape.Reader).Build();
        _metrics = new WorkerMetrics(_services.GetRequiredService<IMeterFactory>(), TimeProvider.System);
    }

    [Fact]
    public void WritesCountersWithTheirTypeAndLabels()
    {
        _metrics.Evaluated(ComplianceStatus.Fail, null, TimeSpan.FromMilliseconds(30));
        _metrics.Evaluated(ComplianceStatus.Fail, null, TimeSpan.FromMilliseconds(40));
        _metrics.Evaluated(ComplianceStatus.Error, null, TimeSpan.FromMilliseconds(10));
        _metrics.MessagesReceived(3);

        var lines = Lines(_scrape.Collect());

        Assert.Contains("# TYPE driftwatch_evaluations_total counter", lines);
        Assert.Contains("""driftwatch_evaluations_total{result="fail"} 2""", lines);
        Assert.Contains("""driftwatch_evaluations_total{result="error"} 1""", lines);
        Assert.Contains("""driftwatch_could_not_evaluate_total{reason="aws_error"} 1""", lines);
        Assert.Contains("driftwatch_messages_received_total 3", lines);
    }

    [Fact]
    public void WritesAHistogramAsCumulativeBucketsWithSumAndCount()
    {
        _metrics.Evaluated(ComplianceStatus.Pass, null, TimeSpan.FromMilliseconds(20));
        _metrics.Evaluated(ComplianceStatus.Pass, null, TimeSpan.FromMilliseconds(200));
        _metrics.Evaluated(ComplianceStatus.Pass, null, TimeSpan.FromSeconds(400));

        var lines = Lines(_scrape.Collect());

        Assert.Contains("# TYPE driftwatch_evaluation_duration_seconds histogram", lines);
        Assert.Contains("""driftwatch_evaluation_duration_seconds_bucket{result="pass",le="0.01"} 0""", lines);
        Assert.Contains("""driftwatch_evaluation_duration_seconds_bucket{result="pass",le="0.025"} 1""", lines);
        Assert.Contains("""driftwatch_evaluation_duration_seconds_bucket{result="pass",le="0.25"} 2""", lines);
        Assert.Contains("""driftwatch_evaluation_duration_seconds_bucket{result="pass",le="300"} 2""", lines);
        Assert.Contains("""driftwatch_evaluation_duration_seconds_bucket{result="pass",le="+Inf"} 3""", lines);
        Assert.Contains("""driftwatch_evaluation_duration_seconds_sum{result="pass"} 400.22""", lines);
        Assert.Contains("""driftwatch_evaluation_duration_seconds_count{result="pass"} 3""", lines);
    }

    [Fact]
    public void EscapesQuotesBackslashesAndNewlinesInLabelValues()
    {
        using var meter = new Meter("test.escaping");
        meter.CreateCounter<long>("test_escaped_total").Add(1, new KeyValuePair<string, object?>("value", "a\"b\\c\nd"));

        var lines = Lines(_scrape.Collect());

        Assert.Contains("""test_escaped_total{value="a\"b\\c\nd"} 1""", lines);
    }

    [Fact]
    public void ReportsTheOutboxDepthLastSeen()
    {
        _metrics.OutboxDepthIs(4);

        Assert.Contains("driftwatch_outbox_depth 4", Lines(_scrape.Collect()));
    }

    public void Dispose()
    {
        _provider.Dispose();
        _scrape.Dispose();
        _services.Dispose();
    }

    private static string[] Lines(string text) => text.Split('\n');
}

/// <summary>
/// Tests that read the worker's meter run alone: the SDK listens to every meter of that name in the process, so another
/// test's worker recording at the same time would be counted too.
/// </summary>
[CollectionDefinition(nameof(MeterCollection), DisableParallelization = true)]
public sealed class MeterCollection;
