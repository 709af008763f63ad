namespace DriftWatch.Core.Trails;

/// <summary>Everything read about one trail. Status or selectors are null when reading them failed (see Errors).</summary>
public sealed record TrailSnapshot(
    TrailInfo Trail,
    TrailStatus? Status,
    EventSelectors? Selectors,
    IReadOnlyList<ReadError> Errors)
{
    /// <summary>
    /// The trail's destination, read only for a trail that otherwise covers; null when it was not read (then nothing
    /// is concluded about it).
    /// </summary>
    public TrailDestination? Destination { get; init; }
}
