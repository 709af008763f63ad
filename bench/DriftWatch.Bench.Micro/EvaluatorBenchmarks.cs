using BenchmarkDotNet.Attributes;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Trails;

namespace DriftWatch.Bench.Micro;

/// <summary>The pure evaluator on a snapshot of N trails, the first one passing (what a healthy account looks like).</summary>
[MemoryDiagnoser]
[JsonExporterAttribute.FullCompressed]
public class EvaluatorBenchmarks
{
    private AccountSnapshot _snapshot = null!;
    private DateTimeOffset _now;

    [Params(1, 5)]
    public int Trails { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _now = DateTimeOffset.UtcNow;
        var trails = Enumerable.Range(0, Trails).Select(i => new TrailSnapshot(
            new TrailInfo($"trail-{i}", $"arn:aws:cloudtrail:eu-west-1:123456789012:trail/trail-{i}", "eu-west-1", IsMultiRegion: true, IsOrganization: false, "bucket"),
            new TrailStatus(IsLogging: i == Trails - 1, LatestDeliveryAttemptTime: "2025-01-01T00:00:00Z", LatestDeliveryAttemptSucceeded: "2025-01-01T00:00:00Z"),
            new EventSelectors([BasicEventSelector.AllManagementEvents], []),
            [])).ToList();
        _snapshot = new AccountSnapshot("123456789012", "us-east-1", _now, trails, [], 1 + (2 * Trails));
    }

    [Benchmark]
    public Verdict Evaluate() => ComplianceEvaluator.Evaluate(_snapshot, _now);
}
