using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Monitoring;

/// <summary>
/// Turns (previous state, new verdict) into a decision: the next state, its transition, and the incident change with
/// its notice. Incidents follow the open incident, not the last status, so pass → error → fail opens one incident and
/// fail → error → fail keeps the one already open. Error (could not evaluate) neither opens nor resolves; it only warns
/// once when it lasts longer than blindAfter. Every id and cause a store writes or the SOC reads is named here.
/// </summary>
public static class StateDecider
{
    /// <summary>Decides what an evaluation changes; the cause is the evaluation's, transition or not.</summary>
    public static StateDecision Decide(
        AccountState? previous,
        Verdict verdict,
        EvaluationCause cause,
        DateTimeOffset now,
        TimeSpan blindAfter)
    {
        var account = verdict.AccountId;
        var summary = VerdictSummary.Of(verdict);
        var version = (previous?.Version ?? 0) + 1;
        var changed = previous is null || previous.Verdict.Fingerprint != summary.Fingerprint;
        var hasOpenIncident = previous?.OpenIncidentId is not null;
        var errorSince = verdict.Status == ComplianceStatus.Error ? previous?.ErrorSince ?? now : (DateTimeOffset?)null;
        var blind = errorSince is not null && now - errorSince >= blindAfter && previous?.BlindNoticeSent != true;

        IncidentChange? change = (verdict.Status, hasOpenIncident) switch
        {
            (ComplianceStatus.Fail, false) => IncidentOpening.Of(new Incident(Incident.IdFor(account, version), account, now, null, cause, summary)),
            (ComplianceStatus.Pass, true) => IncidentResolution.Of(previous!.OpenIncidentId!, account, now, cause, summary),
            (ComplianceStatus.Error, _) when blind => MonitoringBlind.Of(account, version, now, cause, summary),
            _ => null,
        };

        var next = new AccountState(
            account,
            version,
            summary,
            changed ? now : previous!.ChangedAt,
            now,
            change switch
            {
                IncidentOpening opening => opening.Incident.IncidentId,
                IncidentResolution => null,
                _ => previous?.OpenIncidentId,
            },
            errorSince,
            errorSince is not null && (blind || previous?.BlindNoticeSent == true));

        var transition = changed
            ? new Transition(account, version, previous?.Verdict.Status, verdict.Status, now, cause, previous?.Verdict, summary)
            : null;
        return new StateDecision(next, transition, change);
    }
}
