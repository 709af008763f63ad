using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Reporting;
using DriftWatch.Core.Waivers;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>Reports built in memory through Core's timeline, for the renderers' unit tests.</summary>
internal static class SampleCoverage
{
    public const string Account = "123456789012";

    /// <summary>The window's start; the window is 10 days long.</summary>
    public static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly ReportWindow Window = new(Since, Since.AddDays(10));

    /// <summary>A transition into <paramref name="to"/>, caused by the given caller (a sweep when no event name).</summary>
    public static Transition T(TimeSpan after, ComplianceStatus to, string? eventName = null, string actor = "arn:aws:iam::123456789012:user/mallory", string reason = "org-audit: logging is stopped", string sourceIp = "203.0.113.7") => new(
        Account,
        (long)after.TotalMinutes + 1,
        null,
        to,
        Since + after,
        eventName is null
            ? EvaluationCause.Sweep
            : EvaluationCause.FromEvents([new TriggerEvent(eventName, "evt-1", Since + after, "eu-west-1", Account, actor, "IAMUser", sourceIp, "aws-cli/2", "org-audit")]),
        null,
        new VerdictSummary(to, [], [reason], [], [], null));

    /// <summary>A report of one account whose history is <paramref name="during"/>, passing before the window.</summary>
    public static CoverageReport Of(IReadOnlyList<Transition> during, DateTimeOffset? now = null, IReadOnlyList<Waiver>? waivers = null)
    {
        var at = now ?? Since.AddDays(11);
        var account = CoverageTimeline.Of(Account, Window, at, T(TimeSpan.FromDays(-1), ComplianceStatus.Pass), during, during.LastOrDefault()?.To ?? ComplianceStatus.Pass, waivers ?? []);
        return new CoverageReport(at, Window, [account]);
    }
}
