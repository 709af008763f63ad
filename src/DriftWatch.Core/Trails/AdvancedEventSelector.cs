namespace DriftWatch.Core.Trails;

/// <summary>An advanced event selector: all of its field selectors must match for an event to be recorded.</summary>
public sealed record AdvancedEventSelector(string? Name, IReadOnlyList<AdvancedFieldSelector> FieldSelectors);
