namespace DriftWatch.Core.Trails;

/// <summary>A trail's selectors as GetEventSelectors returns them; a trail uses basic or advanced selectors, not both.</summary>
public sealed record EventSelectors(
    IReadOnlyList<BasicEventSelector> Basic,
    IReadOnlyList<AdvancedEventSelector> Advanced)
{
    /// <summary>True when AWS returned no selector of either kind.</summary>
    public bool IsEmpty => Basic.Count == 0 && Advanced.Count == 0;
}
