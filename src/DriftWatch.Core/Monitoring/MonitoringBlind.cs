namespace DriftWatch.Core.Monitoring;

/// <summary>
/// An account could not be evaluated for too long: a "monitoring.blind" notice. It is no incident; its row in the
/// incidents table only carries the notice through the outbox, under an id stable for the state version that sent it.
/// </summary>
public sealed record MonitoringBlind(
    string NoticeId,
    string AccountId,
    DateTimeOffset At,
    EvaluationCause Cause,
    VerdictSummary Verdict,
    IncidentNotice Notice) : IncidentChange(Notice)
{
    /// <inheritdoc />
    public override IncidentAction Action => IncidentAction.MonitoringBlind;

    /// <inheritdoc />
    public override string? IncidentId => null;

    /// <summary>The notice id: one per account and state version, so a retried write cannot send two.</summary>
    public static string IdFor(string accountId, long version) => $"blind-{Incident.IdFor(accountId, version)}";

    /// <summary>Warns that the account, at this state version, has been unreadable for too long.</summary>
    public static MonitoringBlind Of(string accountId, long version, DateTimeOffset at, EvaluationCause cause, VerdictSummary verdict)
    {
        var id = IdFor(accountId, version);
        return new(id, accountId, at, cause, verdict, IncidentNotice.Of(IncidentNotice.Blind, id, accountId, at, cause, verdict) with { Kind = IncidentKind.Monitoring });
    }
}
