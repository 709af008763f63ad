namespace DriftWatch.Core.Trails;

/// <summary>One condition of an advanced event selector: a field and the operators applied to it.</summary>
public sealed record AdvancedFieldSelector(
    string Field,
    IReadOnlyList<string>? EqualsAny = null,
    IReadOnlyList<string>? StartsWith = null,
    IReadOnlyList<string>? EndsWith = null,
    IReadOnlyList<string>? NotEquals = null,
    IReadOnlyList<string>? NotStartsWith = null,
    IReadOnlyList<string>? NotEndsWith = null);
