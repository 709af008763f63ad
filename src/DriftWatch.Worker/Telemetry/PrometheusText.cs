using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace DriftWatch.Worker.Telemetry;

/// <summary>
/// Writes a batch of OpenTelemetry metrics in the Prometheus text exposition format (version 0.0.4): HELP and TYPE
/// lines, one sample per point, histograms as cumulative _bucket lines with _sum and _count. Names are written as the
/// instruments spell them (see <see cref="WorkerMetrics"/>), so nothing is renamed on the way.
/// </summary>
internal static class PrometheusText
{
    /// <summary>The Content-Type of a scrape answer.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The batch as exposition text.</summary>
    public static string Write(in Batch<Metric> batch)
    {
        var text = new StringBuilder();
        foreach (var metric in batch)
        {
            Write(text, metric);
        }

        return text.ToString();
    }

    private static void Write(StringBuilder text, Metric metric)
    {
        var type = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => "counter",
            MetricType.Histogram => "histogram",
            MetricType.LongGauge or MetricType.DoubleGauge or MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic => "gauge",
            _ => null, // exponential histograms: no instrument here makes one
        };
        if (type is null)
        {
            return;
        }

        var name = Sanitize(metric.Name);
        if (!string.IsNullOrEmpty(metric.Description))
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(metric.Description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        }

        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = Labels(point.Tags);
            switch (metric.MetricType)
            {
                case MetricType.Histogram:
                    WriteHistogram(text, name, labels, point);
                    break;
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Sample(text, name, labels, null, point.GetSumLong());
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Sample(text, name, labels, null, point.GetSumDouble());
                    break;
                case MetricType.LongGauge:
                    Sample(text, name, labels, null, point.GetGaugeLastValueLong());
                    break;
                default:
                    Sample(text, name, labels, null, point.GetGaugeLastValueDouble());
                    break;
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, string name, string labels, in MetricPoint point)
    {
        long cumulative = 0;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            var bound = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : Number(bucket.ExplicitBound);
            Sample(text, name + "_bucket", labels, $"le=\"{bound}\"", cumulative);
        }

        Sample(text, name + "_sum", labels, null, point.GetHistogramSum());
        Sample(text, name + "_count", labels, null, point.GetHistogramCount());
    }

    private static void Sample(StringBuilder text, string name, string labels, string? extra, double value) =>
        Sample(text, name, labels, extra, Number(value));

    private static void Sample(StringBuilder text, string name, string labels, string? extra, long value) =>
        Sample(text, name, labels, extra, value.ToString(CultureInfo.InvariantCulture));

    private static void Sample(StringBuilder text, string name, string labels, string? extra, string value)
    {
        text.Append(name);
        var all = string.Join(',', new[] { labels, extra }.Where(l => !string.IsNullOrEmpty(l)));
        if (all.Length > 0)
        {
            text.Append('{').Append(all).Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    private static string Labels(ReadOnlyTagCollection tags)
    {
        var labels = new List<string>(tags.Count);
        foreach (var tag in tags)
        {
            labels.Add($"{Sanitize(tag.Key)}=\"{Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")}\"");
        }

        return string.Join(',', labels);
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // Metric and label names allow [a-zA-Z0-9_:] and no leading digit; anything else becomes '_'.
    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_').ToArray();
        return chars.Length > 0 && char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }
}
