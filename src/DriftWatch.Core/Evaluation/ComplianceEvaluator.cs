using DriftWatch.Core.Waivers;
using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// The one rule DriftWatch keeps true: at least one single trail is multi-region, logging, delivering, and records
/// both read and write management events from every source. Read on one trail and write on another is not enough.
/// An AWS error never turns into Fail: when no readable trail passes and some trail could not be read, the verdict is Error.
/// </summary>
public static class ComplianceEvaluator
{
    /// <summary>
    /// Evaluates a snapshot; with a valid documented exception, the account's listed regions are judged instead.
    /// Lifecycle rules deleting logs sooner than <paramref name="minimumRetentionDays"/> fill Retention, whatever the status.
    /// </summary>
    public static Verdict Evaluate(
        AccountSnapshot snapshot, DateTimeOffset now, Waiver? exception = null, int minimumRetentionDays = DestinationAssessor.DefaultMinimumRetentionDays)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var trails = snapshot.Trails.Select(t => TrailAssessor.Assess(t, minimumRetentionDays)).ToList();
        var errors = snapshot.Errors.Concat(snapshot.Trails.SelectMany(t => t.Errors)).ToList();

        if (snapshot.Errors.Count > 0)
        {
            return Verdict(ComplianceStatus.Error, ["could not list the account's trails: " + string.Join("; ", snapshot.Errors)], null);
        }

        if (trails.Any(t => t.Covers))
        {
            var passing = trails.First(t => t.Covers);
            return Verdict(ComplianceStatus.Pass, [$"trail {passing.Trail.Name} (home {passing.Trail.HomeRegion}) logs read and write management events in every region"], null);
        }

        if (exception is not null)
        {
            return UnderException(exception);
        }

        // A trail that records everything but cannot deliver is named as such: "not logging" would send the reader to the wrong place.
        var reasons = new List<string>
        {
            trails.Any(t => t.Destination?.Status == DestinationStatus.Broken && t.Trail.IsMultiRegion && t.Logging == true && t.Coverage?.IsComplete == true)
                ? "no multi-region trail that logs read and write management events can deliver its logs"
                : "no multi-region trail is logging read and write management events",
        };
        reasons.AddRange(trails.SelectMany(t => t.Reasons.Select(r => $"{t.Trail.Name}: {r}")));
        if (trails.Count == 0)
        {
            reasons.Add("the account has no trail");
        }

        // Only an unreadable trail that could have passed leaves the verdict undecided: a single-region one cannot.
        var status = trails.Any(t => t.CouldNotEvaluate && t.Trail.IsMultiRegion) ? ComplianceStatus.Error : ComplianceStatus.Fail;
        return Verdict(status, reasons, exception);

        Verdict UnderException(Waiver documented)
        {
            var uncovered = documented.Regions
                .Where(region => !trails.Any(t => t.CapturesAllManagementEvents && (t.Trail.IsMultiRegion || t.Trail.HomeRegion == region)))
                .ToList();
            if (uncovered.Count == 0)
            {
                return Verdict(
                    ComplianceStatus.Pass,
                    [$"passed under a documented exception: logging is restricted to {string.Join(", ", documented.Regions)} ({documented.Rationale})"],
                    documented);
            }

            var why = new List<string> { $"under the documented exception, no logging trail records read and write management events in {string.Join(", ", uncovered)}" };
            why.AddRange(trails.SelectMany(t => t.Reasons.Select(r => $"{t.Trail.Name}: {r}")));
            var undecided = trails.Any(t => t.CouldNotEvaluate && (t.Trail.IsMultiRegion || uncovered.Contains(t.Trail.HomeRegion)));
            return Verdict(undecided ? ComplianceStatus.Error : ComplianceStatus.Fail, why, documented);
        }

        Verdict Verdict(ComplianceStatus status, IReadOnlyList<string> why, Waiver? applied) => new(
            status,
            snapshot.AccountId,
            now,
            trails,
            why,
            status == ComplianceStatus.Fail ? RemediationAdvisor.For(trails, snapshot.Region) : [],
            errors,
            applied,
            snapshot.ApiCalls)
        {
            Retention = trails.SelectMany(t => t.Destination?.Retention ?? []).ToList(),
            Warnings = trails.SelectMany(t => (t.Destination?.NotVerified ?? []).Select(w => $"trail {t.Trail.Name}: destination not verified: {w}")).ToList(),
            DestinationCalls = snapshot.DestinationCalls,
        };
    }
}
