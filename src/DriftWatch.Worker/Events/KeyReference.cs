namespace DriftWatch.Worker.Events;

/// <summary>
/// A KMS key as a CloudTrail record may name it: a key id (<c>1234abcd-…</c> or <c>mrk-…</c>), a key ARN
/// (<c>arn:aws:kms:region:account:key/id</c>) or an alias (<c>alias/name</c>, or its ARN). DescribeTrails names a
/// trail's key by ARN, so an id matches the ARN's id, an ARN matches the same ARN (a multi-Region key keeps its id
/// in every region), and an alias matches nothing without a KMS lookup.
/// </summary>
public static class KeyReference
{
    /// <summary>True for <c>alias/…</c> and alias ARNs.</summary>
    public static bool IsAlias(string key) =>
        key.StartsWith("alias/", StringComparison.Ordinal) || (IsArn(key) && key.Contains(":alias/", StringComparison.Ordinal));

    /// <summary>True for a KMS key ARN (not an alias ARN).</summary>
    public static bool IsKeyArn(string key) =>
        IsArn(key) && key.Contains(":kms:", StringComparison.Ordinal) && key.Contains(":key/", StringComparison.Ordinal);

    /// <summary>True when the event's key and the trail's key are the same key; an alias never is (see the type's remarks).</summary>
    public static bool SameKey(string eventKey, string trailKey)
    {
        if (IsAlias(eventKey) || IsAlias(trailKey))
        {
            return string.Equals(eventKey, trailKey, StringComparison.Ordinal);
        }

        if (IsKeyArn(eventKey) && IsKeyArn(trailKey))
        {
            return string.Equals(eventKey, trailKey, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(IdOf(eventKey), IdOf(trailKey), StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsArn(string key) => key.StartsWith("arn:", StringComparison.Ordinal);

    private static string IdOf(string key) => IsKeyArn(key) ? key[(key.LastIndexOf(":key/", StringComparison.Ordinal) + 5)..] : key;
}
