using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Trails;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>Verdicts built in memory for the renderers' unit tests.</summary>
public static class Verdicts
{
    /// <summary>A failing verdict whose one trail has the given (possibly hostile) name.</summary>
    public static Verdict FailingWithTrail(string trailName)
    {
        var snapshot = new AccountSnapshot(
            "123456789012",
            "us-east-1",
            DateTimeOffset.UnixEpoch,
            [new TrailSnapshot(
                new TrailInfo(trailName, $"arn:aws:cloudtrail:us-east-1:123456789012:trail/{trailName}", "us-east-1", true, false),
                new TrailStatus(false),
                new EventSelectors([BasicEventSelector.AllManagementEvents], []),
                [])],
            [],
            3);
        return ComplianceEvaluator.Evaluate(snapshot, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));
    }
}
