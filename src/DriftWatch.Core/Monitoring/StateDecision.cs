namespace DriftWatch.Core.Monitoring;

/// <summary>
/// What to persist and announce after an evaluation. Transition is null when nothing changed; Change, when present, is
/// the incidents-table row to write and the notice for the SOC, both exactly as they are to be stored and sent.
/// </summary>
public sealed record StateDecision(AccountState Next, Transition? Transition, IncidentChange? Change)
{
    /// <summary>What the evaluation means for the SOC.</summary>
    public IncidentAction Action => Change?.Action ?? IncidentAction.None;

    /// <summary>The incident opened or resolved, if any.</summary>
    public string? IncidentId => Change?.IncidentId;

    /// <summary>The notice to send, if any.</summary>
    public IncidentNotice? Notice => Change?.Notice;
}
