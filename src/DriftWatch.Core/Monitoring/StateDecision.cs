namespace DriftWatch.Core.Monitoring;

/// <summary>
/// What to persist and announce after an evaluation. Transition is null when nothing changed; Changes are the
/// incidents-table rows to write, each with its notice for the SOC, exactly as they are to be stored and sent: at most
/// one per incident kind (a coverage opening and an integrity opening may come from one evaluation), coverage first.
/// </summary>
public sealed record StateDecision(AccountState Next, Transition? Transition, IReadOnlyList<IncidentChange> Changes)
{
    /// <summary>A decision with at most one change (coverage only, as before kinds existed).</summary>
    public StateDecision(AccountState next, Transition? transition, IncidentChange? change)
        : this(next, transition, change is null ? [] : [change])
    {
    }

    /// <summary>The first change (coverage before integrity), if any.</summary>
    public IncidentChange? Change => Changes.Count > 0 ? Changes[0] : null;

    /// <summary>What the first change means for the SOC.</summary>
    public IncidentAction Action => Change?.Action ?? IncidentAction.None;

    /// <summary>The incident the first change opened or resolved, if any.</summary>
    public string? IncidentId => Change?.IncidentId;

    /// <summary>The first change's notice, if any.</summary>
    public IncidentNotice? Notice => Change?.Notice;

    /// <summary>Every notice to send, in the order decided.</summary>
    public IReadOnlyList<IncidentNotice> Notices => Changes.Select(c => c.Notice).ToList();

    /// <summary>The change of a kind, if any.</summary>
    public IncidentChange? ChangeOf(string kind) => Changes.FirstOrDefault(c => c.Kind == kind);
}
