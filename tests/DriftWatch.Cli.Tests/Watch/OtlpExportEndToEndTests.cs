using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Watch;

/// <summary>
/// With the standard OTEL_EXPORTER_OTLP_* variables set, `driftwatch watch` exports the pipeline's spans
/// (PipelineTelemetry) and the driftwatch_* metrics over OTLP; nothing else needs configuring.
/// </summary>
public sealed class OtlpExportEndToEndTests(MotoFixture moto) : MotoTest(moto)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task ExportsTheSweepsSpansAndTheWorkersMetricsToTheOtlpEndpoint()
    {
        var stack = await CentralStack.DeployAsync(_moto);
        await Account.TrailAsync("org-audit", "eu-west-1");
        await using var collector = new OtlpReceiver();
        var settings = new Dictionary<string, string>(stack.Settings)
        {
            ["DriftWatch__Queue__WaitTimeSeconds"] = "1",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "driftwatch-test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };

        await using var worker = Driftwatch.Start(_moto.Endpoint, CentralStack.Region, ["watch"], settings);
        await worker.WaitForOutputAsync("Swept 1 accounts", Patience);

        var deadline = DateTime.UtcNow + Patience;
        while (!(collector.Saw("/v1/traces", "driftwatch.evaluate") && collector.Saw("/v1/metrics", "driftwatch_evaluations_total")))
        {
            Assert.True(DateTime.UtcNow < deadline, $"nothing exported yet beyond {string.Join(", ", collector.Paths)}\n{worker.Output}");
            await Task.Delay(200);
        }

        Assert.True(collector.Saw("/v1/traces", "driftwatch.trails.read"));
        Assert.True(collector.Saw("/v1/traces", "driftwatch-test"));
        Assert.Equal(0, await worker.TerminateAsync(TimeSpan.FromSeconds(30)));
    }
}
