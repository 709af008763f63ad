namespace DriftWatch.Core.Evaluation;

/// <summary>
/// Which management events a trail's selectors record. Reads and Writes are true only when some selector records
/// that kind in full; Narrowing lists what keeps a selector from doing so (excluded sources, extra filters).
/// </summary>
public sealed record ManagementCoverage(
    bool Reads,
    bool Writes,
    IReadOnlyList<string> ExcludedSources,
    IReadOnlyList<string> Narrowing)
{
    /// <summary>True when both reads and writes are recorded with nothing left out.</summary>
    public bool IsComplete => Reads && Writes;
}
