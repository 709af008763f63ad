using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests.Support;

/// <summary>Transitions and incidents built in memory, with whatever actor and user agent a test needs.</summary>
public static class SampleRecords
{
    /// <summary>An account id that is not moto's, to tell records apart.</summary>
    public const string OtherAccount = "210987654321";

    /// <summary>When the records happened.</summary>
    public static readonly DateTimeOffset At = new(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A StopLogging call in eu-west-1 by the given actor.</summary>
    public static EvaluationCause StopLogging(string actor, string userAgent, string account = MotoAws.AccountId) => new(
        EvaluationCause.EventKind,
        [new TriggerEvent("StopLogging", "evt-0001", At.AddSeconds(-2), "eu-west-1", account, actor, "IAMUser", "203.0.113.7", userAgent, "org-audit")]);

    /// <summary>A failing summary whose trail and reason carry the given text.</summary>
    public static VerdictSummary Failing(string trailName) => new(
        ComplianceStatus.Fail,
        [new TrailSummary(trailName, $"arn:aws:cloudtrail:eu-west-1:{MotoAws.AccountId}:trail/{trailName}", "eu-west-1", true, false, false, true, true, [], null, false, [$"{trailName}: logging is stopped"])],
        [$"no multi-region trail is logging read and write management events", $"{trailName}: logging is stopped"],
        [$"aws cloudtrail start-logging --name {trailName} --region eu-west-1"],
        [],
        null);

    /// <summary>An account's first verdict, failing, caused by the event: the state, the transition and the incident it opens.</summary>
    public static (AccountState Previous, StateDecision Decision, Incident Opened) FirstFailure(
        EvaluationCause cause, string trailName = "org-audit", string account = MotoAws.AccountId, DateTimeOffset? at = null)
    {
        var when = at ?? At;
        var summary = Failing(trailName);
        var id = Incident.IdFor(account, 1);
        var state = new AccountState(account, 1, summary, when, when, AccountState.CoverageOnly(id), null, false);
        var transition = new Transition(account, 1, null, ComplianceStatus.Fail, when, cause, null, summary);
        var opened = new Incident(id, account, when, null, cause, summary);
        return (state with { Version = 0 }, new StateDecision(state, transition, IncidentOpening.Of(opened)), opened);
    }
}
