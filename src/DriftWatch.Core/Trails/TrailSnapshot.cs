namespace DriftWatch.Core.Trails;

/// <summary>Everything read about one trail. Status or selectors are null when reading them failed (see Errors).</summary>
public sealed record TrailSnapshot(
    TrailInfo Trail,
    TrailStatus? Status,
    EventSelectors? Selectors,
    IReadOnlyList<ReadError> Errors);
