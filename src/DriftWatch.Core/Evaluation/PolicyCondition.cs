using System.Text.Json;

namespace DriftWatch.Core.Evaluation;

/// <summary>
/// One condition of a policy statement (operator, key, values). Only aws:SourceArn and aws:SourceAccount are evaluated
/// for CloudTrail's write; any other key, or an operator not handled here, is "cannot tell" (null).
/// </summary>
internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    private const string SourceArn = "aws:SourceArn";
    private const string SourceAccount = "aws:SourceAccount";

    /// <summary>True for a condition on which trail or account the write is for.</summary>
    public bool IsSource => IsKey(SourceArn) || IsKey(SourceAccount);

    /// <summary>Every condition of a statement.</summary>
    public static IReadOnlyList<PolicyCondition> All(JsonElement statement)
    {
        if (!statement.TryGetProperty("Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return condition.EnumerateObject()
            .Where(op => op.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(op => op.Value.EnumerateObject().Select(key => new PolicyCondition(
                op.Name, key.Name, BucketPolicyEvaluator.Strings(op.Value, key.Name))))
            .ToList();
    }

    /// <summary>Whether the condition holds for the write; null when DriftWatch cannot tell.</summary>
    public bool? Holds(LogWrite write)
    {
        var actual = IsKey(SourceArn) ? write.TrailArn : IsKey(SourceAccount) ? write.SourceAccount : null;
        if (actual is null)
        {
            return null;
        }

        // ForAnyValue:/ForAllValues: change nothing for a single-valued key; IfExists changes nothing when it is present.
        var op = Operator.Replace("ForAnyValue:", "", StringComparison.OrdinalIgnoreCase)
            .Replace("ForAllValues:", "", StringComparison.OrdinalIgnoreCase);
        if (op.EndsWith("IfExists", StringComparison.Ordinal))
        {
            op = op[..^"IfExists".Length];
        }

        return op switch
        {
            "StringEquals" or "ArnEquals" => Values.Contains(actual, StringComparer.Ordinal),
            "StringEqualsIgnoreCase" => Values.Contains(actual, StringComparer.OrdinalIgnoreCase),
            "StringLike" or "ArnLike" => Values.Any(v => IamPattern.Matches(v, actual)),
            "StringNotEquals" or "ArnNotEquals" => !Values.Contains(actual, StringComparer.Ordinal),
            "StringNotEqualsIgnoreCase" => !Values.Contains(actual, StringComparer.OrdinalIgnoreCase),
            "StringNotLike" or "ArnNotLike" => !Values.Any(v => IamPattern.Matches(v, actual)),
            _ => null,
        };
    }

    /// <summary>The condition as a reader would say it: "aws:SourceArn arn:...".</summary>
    public string Describe() => $"{Key} {string.Join(" or ", Values)}";

    // Condition keys are case-insensitive in IAM.
    private bool IsKey(string name) => string.Equals(Key, name, StringComparison.OrdinalIgnoreCase);
}
