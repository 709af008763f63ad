namespace DriftWatch.Core.Monitoring;

/// <summary>
/// What to persist and announce after an evaluation. Transition is null when nothing changed;
/// IncidentId names the incident opened or resolved.
/// </summary>
public sealed record StateDecision(AccountState Next, Transition? Transition, IncidentAction Action, string? IncidentId);
