using System.Text.Json;

namespace DriftWatch.Core.Monitoring;

/// <summary>
/// Reads an EventBridge event pattern and says which of the events DriftWatch needs it would not let through: every
/// call of <see cref="MonitoredCalls.BySource"/> (as CloudTrail delivers it) and the heartbeat. The pattern is
/// expanded into its alternatives (<c>$or</c>, at any depth), and an event passes when one alternative accepts every
/// field it constrains. A constraint this reader does not know, or one on a field the event's value is not known for,
/// counts as refusing: a pattern narrowed in a way DriftWatch cannot follow is reported, never assumed to pass.
/// </summary>
public static class ForwarderPattern
{
    private const int MaxAlternatives = 512;
    private const string Present = "\0present";

    /// <summary>What the pattern lacks, as "source eventName" (or the heartbeat source); empty when it carries everything.</summary>
    public static IReadOnlyList<string> Lacking(string? patternJson)
    {
        List<Dictionary<string, JsonElement>> alternatives;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(patternJson) ? "null" : patternJson);
            alternatives = document.RootElement.ValueKind == JsonValueKind.Object
                ? Expand(document.RootElement, "").Select(a => a.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal)).ToList()
                : [];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            alternatives = [];
        }

        var lacking = new List<string>();
        foreach (var (source, names) in MonitoredCalls.BySource)
        {
            lacking.AddRange(names.Where(name => !alternatives.Any(a => Accepts(a, CallFields(source, name)))).Select(name => $"{source} {name}"));
        }

        if (!alternatives.Any(a => Accepts(a, HeartbeatFields)))
        {
            lacking.Add(MonitoredCalls.HeartbeatSource);
        }

        return lacking;
    }

    private static Dictionary<string, string> CallFields(string source, string eventName) => new(StringComparer.Ordinal)
    {
        ["source"] = source,
        ["detail-type"] = MonitoredCalls.ApiCallDetailType,
        ["detail.eventSource"] = source.StartsWith("aws.", StringComparison.Ordinal) ? $"{source[4..]}.amazonaws.com" : source,
        ["detail.eventName"] = eventName,
    };

    private static readonly Dictionary<string, string> HeartbeatFields = new(StringComparer.Ordinal)
    {
        ["source"] = MonitoredCalls.HeartbeatSource,
        ["detail-type"] = MonitoredCalls.HeartbeatDetailType,
        ["detail.account"] = Present,
        ["detail.region"] = Present,
        ["detail.sentAt"] = Present,
        ["detail.id"] = Present,
    };

    // Each alternative maps a field path to its list of accepted values; $or multiplies the alternatives.
    private static List<List<KeyValuePair<string, JsonElement>>> Expand(JsonElement node, string prefix)
    {
        var alternatives = new List<List<KeyValuePair<string, JsonElement>>> { new() };
        foreach (var property in node.EnumerateObject())
        {
            List<List<KeyValuePair<string, JsonElement>>> parts;
            if (property.Name == "$or" && property.Value.ValueKind == JsonValueKind.Array)
            {
                parts = property.Value.EnumerateArray()
                    .Where(alternative => alternative.ValueKind == JsonValueKind.Object)
                    .SelectMany(alternative => Expand(alternative, prefix))
                    .ToList();
            }
            else
            {
                var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
                parts = property.Value.ValueKind == JsonValueKind.Object
                    ? Expand(property.Value, path)
                    : [[new(path, property.Value)]];
            }

            alternatives = alternatives.SelectMany(a => parts.Select(p => a.Concat(p).ToList())).ToList();
            if (alternatives.Count > MaxAlternatives)
            {
                throw new InvalidOperationException("the pattern has too many alternatives to read");
            }
        }

        return alternatives;
    }

    private static bool Accepts(Dictionary<string, JsonElement> alternative, Dictionary<string, string> fields) =>
        alternative.All(constraint => Matches(constraint.Value, fields.GetValueOrDefault(constraint.Key)));

    private static bool Matches(JsonElement filters, string? value) =>
        filters.ValueKind == JsonValueKind.Array && filters.EnumerateArray().Any(filter => MatchesOne(filter, value));

    private static bool MatchesOne(JsonElement filter, string? value)
    {
        if (filter.ValueKind == JsonValueKind.String)
        {
            return value is not null && value != Present && filter.GetString() == value;
        }

        if (filter.ValueKind != JsonValueKind.Object || filter.EnumerateObject().ToList() is not [var only])
        {
            return false;
        }

        if (only.Name == "exists")
        {
            return only.Value.ValueKind switch
            {
                JsonValueKind.True => value is not null,
                JsonValueKind.False => value is null,
                _ => false,
            };
        }

        if (value is null || value == Present)
        {
            return false;
        }

        return only.Name switch
        {
            "prefix" => Text(only.Value, out var p) ? value.StartsWith(p, StringComparison.Ordinal)
                : IgnoreCase(only.Value, out var pi) && value.StartsWith(pi, StringComparison.OrdinalIgnoreCase),
            "suffix" => Text(only.Value, out var s) ? value.EndsWith(s, StringComparison.Ordinal)
                : IgnoreCase(only.Value, out var si) && value.EndsWith(si, StringComparison.OrdinalIgnoreCase),
            "equals-ignore-case" => Text(only.Value, out var e) && string.Equals(value, e, StringComparison.OrdinalIgnoreCase),
            "wildcard" => Text(only.Value, out var w) && Wildcard(w, value),
            "anything-but" => AnythingBut(only.Value, value),
            _ => false,
        };
    }

    private static bool AnythingBut(JsonElement excluded, string value) => excluded.ValueKind switch
    {
        JsonValueKind.String => excluded.GetString() != value,
        JsonValueKind.Array => excluded.EnumerateArray().All(e => e.ValueKind != JsonValueKind.String || e.GetString() != value),
        JsonValueKind.Object => !MatchesOne(excluded, value),
        _ => false,
    };

    private static bool Text(JsonElement element, out string text)
    {
        text = element.ValueKind == JsonValueKind.String ? element.GetString() ?? "" : "";
        return element.ValueKind == JsonValueKind.String;
    }

    private static bool IgnoreCase(JsonElement element, out string text)
    {
        text = "";
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("equals-ignore-case", out var inner)
            && Text(inner, out text);
    }

    // EventBridge's wildcard: '*' matches any run of characters, everything else itself.
    private static bool Wildcard(string pattern, string value)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return pattern == value;
        }

        if (!value.StartsWith(parts[0], StringComparison.Ordinal) || !value.EndsWith(parts[^1], StringComparison.Ordinal)
            || value.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var at = parts[0].Length;
        var end = value.Length - parts[^1].Length;
        foreach (var middle in parts[1..^1])
        {
            var found = value.IndexOf(middle, at, end - at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + middle.Length;
        }

        return true;
    }
}
