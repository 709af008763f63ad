using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Core.Tests.Reporting;

/// <summary>Transitions for the coverage tests, placed in hours from the window's start.</summary>
internal static class Timelines
{
    public const string Account = "123456789012";

    /// <summary>The window's start; every case's window is [Since, Since + 10 h).</summary>
    public static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double hours) => Since.AddHours(hours);

    /// <summary>A transition into <paramref name="to"/> at the given hour; the event name says which, so a test can tell causes apart.</summary>
    public static Transition T(double hours, ComplianceStatus to, string? eventName = null, long version = 0, string account = Account)
    {
        var cause = eventName is null
            ? EvaluationCause.Sweep
            : EvaluationCause.FromEvents([new TriggerEvent(eventName, $"evt-{hours}", At(hours).AddSeconds(-1), "eu-west-1", account, $"arn:aws:iam::{account}:user/{eventName}-actor", "IAMUser", "203.0.113.7", "aws-cli/2", "org-audit")]);
        return new Transition(
            account,
            version == 0 ? (long)(hours * 100) + 1000 : version,
            null,
            to,
            At(hours),
            cause,
            null,
            new VerdictSummary(to, [], [$"{to} at {hours} h"], [], [], null));
    }
}
