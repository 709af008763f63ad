using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Monitoring;

/// <summary>
/// Turns (previous state, new verdict) into a decision. Incidents follow the open incident, not the last status, so
/// pass → error → fail opens one incident and fail → error → fail keeps the one already open.
/// Error (could not evaluate) neither opens nor resolves; it only warns once when it lasts longer than blindAfter.
/// </summary>
public static class StateDecider
{
    /// <summary>Decides what an evaluation changes.</summary>
    public static StateDecision Decide(
        AccountState? previous,
        Verdict verdict,
        EvaluationCause cause,
        DateTimeOffset now,
        TimeSpan blindAfter)
    {
        var summary = VerdictSummary.Of(verdict);
        var version = (previous?.Version ?? 0) + 1;
        var changed = previous is null || previous.Verdict.Fingerprint != summary.Fingerprint;
        var hasOpenIncident = previous?.OpenIncidentId is not null;
        var errorSince = verdict.Status == ComplianceStatus.Error ? previous?.ErrorSince ?? now : (DateTimeOffset?)null;
        var blind = errorSince is not null && now - errorSince >= blindAfter && previous?.BlindNoticeSent != true;

        var action = (verdict.Status, hasOpenIncident) switch
        {
            (ComplianceStatus.Fail, false) => IncidentAction.Open,
            (ComplianceStatus.Fail, true) => IncidentAction.None,
            (ComplianceStatus.Pass, true) => IncidentAction.Resolve,
            (ComplianceStatus.Pass, false) => IncidentAction.None,
            (ComplianceStatus.Error, _) when blind => IncidentAction.MonitoringBlind,
            _ => IncidentAction.None,
        };

        var incidentId = action switch
        {
            IncidentAction.Open => Incident.IdFor(verdict.AccountId, version),
            IncidentAction.Resolve => previous!.OpenIncidentId,
            _ => null,
        };

        var next = new AccountState(
            verdict.AccountId,
            version,
            summary,
            changed ? now : previous!.ChangedAt,
            now,
            action switch
            {
                IncidentAction.Open => incidentId,
                IncidentAction.Resolve => null,
                _ => previous?.OpenIncidentId,
            },
            errorSince,
            errorSince is not null && (blind || previous?.BlindNoticeSent == true));

        var transition = changed
            ? new Transition(verdict.AccountId, version, previous?.Verdict.Status, verdict.Status, now, cause, previous?.Verdict, summary)
            : null;
        return new StateDecision(next, transition, action, incidentId);
    }
}
