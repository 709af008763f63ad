namespace DriftWatch.Bench.Harness;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
public sealed record Stats(int Count, double P50, double P95, double P99, double Max)
{
    /// <summary>Summarises a sample (empty gives zeros).</summary>
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new Stats(0, 0, 0, 0, 0)
            : new Stats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    /// <summary>"p50 / p95 / p99 ms".</summary>
    public override string ToString() => $"{P50:0.0} / {P95:0.0} / {P99:0.0} ms";

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
