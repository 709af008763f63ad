using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace DriftWatch.Worker.Telemetry;

/// <summary>
/// /metrics over the stable OpenTelemetry SDK: a pull reader the MeterProvider feeds, collected on each scrape and
/// written as Prometheus text. The Prometheus exporters on NuGet are prerelease only (1.20.1-beta.1); a production
/// service pinning a beta takes its breaking changes and its unsupported status for ~150 lines we can read and test.
/// The SDK still does all the aggregation (cumulative sums, histogram buckets, views); only the text is ours.
/// </summary>
public sealed class PrometheusScrape : IDisposable
{
    // A scrape waits for callbacks of observable instruments; ours only read a field.
    private const int CollectTimeoutMilliseconds = 5_000;

    private readonly Exporter _exporter = new();
    private readonly Lock _gate = new();

    /// <summary>Creates the reader; add <see cref="Reader"/> to the MeterProvider.</summary>
    public PrometheusScrape() => Reader = new BaseExportingMetricReader(_exporter) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative };

    /// <summary>The reader to register with the MeterProvider.</summary>
    public MetricReader Reader { get; }

    /// <summary>Collects every metric now and returns the exposition text; one scrape at a time.</summary>
    public string Collect()
    {
        lock (_gate)
        {
            // Through the exporter's own delegate: the SDK lets a pull-only reader collect inside that scope only.
            _exporter.Latest = "";
            _exporter.Collect?.Invoke(CollectTimeoutMilliseconds);
            return _exporter.Latest;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Reader.Dispose();
        _exporter.Dispose();
    }

    [ExportModes(ExportModes.Pull)]
    private sealed class Exporter : BaseExporter<Metric>, IPullMetricExporter
    {
        public Func<int, bool>? Collect { get; set; }

        public string Latest { get; set; } = "";

        public override ExportResult Export(in Batch<Metric> batch)
        {
            Latest = PrometheusText.Write(batch);
            return ExportResult.Success;
        }
    }
}
