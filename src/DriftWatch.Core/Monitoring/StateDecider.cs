using DriftWatch.Core.Evaluation;

namespace DriftWatch.Core.Monitoring;

/// <summary>
/// Turns (previous state, new verdict) into a decision: the next state, its transition, and the incident changes with
/// their notices, at most one per kind. Coverage incidents follow the open incident, not the last status, so
/// pass → error → fail opens one incident and fail → error → fail keeps the one already open. Integrity incidents
/// follow the verdict's retention shortfalls: some open one, none resolve it, whatever the coverage. Error (could not
/// evaluate) neither opens nor resolves either kind; it only warns once when it lasts longer than blindAfter. Every id
/// and cause a store writes or the SOC reads is named here.
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
        var open = previous?.OpenIncidents ?? AccountState.NoIncidents;
        var errorSince = verdict.Status == ComplianceStatus.Error ? previous?.ErrorSince ?? now : (DateTimeOffset?)null;
        var blind = errorSince is not null && now - errorSince >= blindAfter && previous?.BlindNoticeSent != true;

        IncidentChange? coverage = (verdict.Status, open.ContainsKey(IncidentKind.Coverage)) switch
        {
            (ComplianceStatus.Fail, false) => IncidentOpening.Of(new Incident(Incident.IdFor(account, version), account, now, null, cause, summary)),
            (ComplianceStatus.Pass, true) => IncidentResolution.Of(open[IncidentKind.Coverage], account, now, cause, summary),
            (ComplianceStatus.Error, _) when blind => MonitoringBlind.Of(account, version, now, cause, summary),
            _ => null,
        };

        IncidentChange? integrity = (verdict.Status, verdict.Retention.Count > 0, open.ContainsKey(IncidentKind.Integrity)) switch
        {
            (ComplianceStatus.Error, _, _) => null,
            (_, true, false) => IncidentOpening.Of(new Incident(
                Incident.IdFor(account, version, IncidentKind.Integrity), account, now, null, cause, IntegrityVerdict.Of(summary, verdict.Retention))
            {
                Kind = IncidentKind.Integrity,
            }),
            (_, false, true) => IncidentResolution.Of(open[IncidentKind.Integrity], account, now, cause, summary, IncidentKind.Integrity),
            _ => null,
        };

        var changes = new[] { coverage, integrity }.OfType<IncidentChange>().ToList();
        var next = new AccountState(
            account,
            version,
            summary,
            changed ? now : previous!.ChangedAt,
            now,
            OpenAfter(open, changes),
            errorSince,
            errorSince is not null && (blind || previous?.BlindNoticeSent == true));

        var transition = changed
            ? new Transition(account, version, previous?.Verdict.Status, verdict.Status, now, cause, previous?.Verdict, summary)
            : null;
        return new StateDecision(next, transition, changes);
    }

    /// <summary>The open incidents once the changes are made: an opening adds its kind, a resolution removes it.</summary>
    private static IReadOnlyDictionary<string, string> OpenAfter(IReadOnlyDictionary<string, string> open, IReadOnlyList<IncidentChange> changes)
    {
        if (!changes.Any(c => c is IncidentOpening or IncidentResolution))
        {
            return open;
        }

        var after = new Dictionary<string, string>(open, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            switch (change)
            {
                case IncidentOpening opening:
                    after[opening.Kind] = opening.Incident.IncidentId;
                    break;
                case IncidentResolution resolution:
                    after.Remove(resolution.Kind);
                    break;
            }
        }

        return after;
    }
}
