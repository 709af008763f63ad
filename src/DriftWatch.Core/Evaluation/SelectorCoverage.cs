using DriftWatch.Core.Trails;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// Reads a trail's event selectors the way CloudTrail applies them: the union over its selectors, where a selector
/// counts for reads or writes only if it records that kind from every management event source.
/// </summary>
public static class SelectorCoverage
{
    private const string ManagementCategory = "Management";

    /// <summary>Computes which management events the selectors record.</summary>
    public static ManagementCoverage Of(EventSelectors selectors)
    {
        // AWS reads a trail with no selectors as the default: all management events, read and write.
        if (selectors.IsEmpty)
        {
            return new ManagementCoverage(true, true, [], []);
        }

        var parts = selectors.Basic.Select(OfBasic).Concat(selectors.Advanced.Select(OfAdvanced)).ToList();
        var complete = parts.Where(p => p.Narrowing.Count == 0).ToList();
        var reads = complete.Any(p => p.Reads);
        var writes = complete.Any(p => p.Writes);

        // A narrowed selector matters only for the kind no complete selector already records.
        var gaps = parts
            .Where(p => p.Narrowing.Count > 0 && ((p.Reads && !reads) || (p.Writes && !writes)))
            .ToList();
        return new ManagementCoverage(
            reads,
            writes,
            gaps.SelectMany(p => p.Excluded).Distinct(StringComparer.Ordinal).ToList(),
            gaps.SelectMany(p => p.Narrowing).Distinct(StringComparer.Ordinal).ToList());
    }

    private static Part OfBasic(BasicEventSelector selector)
    {
        if (!selector.IncludeManagementEvents)
        {
            return Part.None;
        }

        var excluded = selector.ExcludeManagementEventSources;
        var narrowing = excluded.Select(ExcludedSource).ToList();
        return selector.ReadWriteType switch
        {
            ReadWriteType.All => new Part(true, true, excluded, narrowing),
            ReadWriteType.ReadOnly => new Part(true, false, excluded, narrowing),
            _ => new Part(false, true, excluded, narrowing),
        };
    }

    private static Part OfAdvanced(AdvancedEventSelector selector)
    {
        var category = selector.FieldSelectors.FirstOrDefault(f => Is(f, "eventCategory"));
        if (category?.EqualsAny?.Contains(ManagementCategory, StringComparer.Ordinal) != true)
        {
            return Part.None;
        }

        var (reads, writes) = ReadOnlyScope(selector.FieldSelectors.FirstOrDefault(f => Is(f, "readOnly")));
        var excluded = new List<string>();
        var narrowing = new List<string>();
        foreach (var field in selector.FieldSelectors.Where(f => !Is(f, "eventCategory") && !Is(f, "readOnly")))
        {
            // Any other condition narrows what the selector records; an eventSource NotEquals is an exclusion.
            var isSource = Is(field, "eventSource");
            if (isSource && field.NotEquals is { Count: > 0 } notEquals)
            {
                excluded.AddRange(notEquals);
                narrowing.AddRange(notEquals.Select(ExcludedSource));
            }

            narrowing.AddRange(Describe(field, includeNotEquals: !isSource));
        }

        return new Part(reads, writes, excluded, narrowing);
    }

    private static (bool Reads, bool Writes) ReadOnlyScope(AdvancedFieldSelector? field)
    {
        if (field is null)
        {
            return (true, true);
        }

        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "true", "false" };
        if (field.EqualsAny is { Count: > 0 } equals)
        {
            allowed.IntersectWith(equals);
        }

        if (field.NotEquals is { Count: > 0 } notEquals)
        {
            allowed.ExceptWith(notEquals);
        }

        return (allowed.Contains("true"), allowed.Contains("false"));
    }

    private static string ExcludedSource(string source) => $"management events from {source} are excluded";

    private static IEnumerable<string> Describe(AdvancedFieldSelector field, bool includeNotEquals)
    {
        static IEnumerable<string> Op(string name, string field, IReadOnlyList<string>? values) =>
            values is { Count: > 0 } ? [$"{name} filter on {field}: {string.Join(", ", values)}"] : [];

        return Op("Equals", field.Field, field.EqualsAny)
            .Concat(Op("StartsWith", field.Field, field.StartsWith))
            .Concat(Op("EndsWith", field.Field, field.EndsWith))
            .Concat(includeNotEquals ? Op("NotEquals", field.Field, field.NotEquals) : [])
            .Concat(Op("NotStartsWith", field.Field, field.NotStartsWith))
            .Concat(Op("NotEndsWith", field.Field, field.NotEndsWith));
    }

    private static bool Is(AdvancedFieldSelector field, string name) =>
        string.Equals(field.Field, name, StringComparison.Ordinal);

    private sealed record Part(bool Reads, bool Writes, IReadOnlyList<string> Excluded, IReadOnlyList<string> Narrowing)
    {
        public static Part None { get; } = new(false, false, [], []);
    }
}
