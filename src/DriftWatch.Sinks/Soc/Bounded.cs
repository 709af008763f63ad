namespace DriftWatch.Sinks.Soc;

/// <summary>Fits text into a receiver's field limit, marking the cut so a reader knows there was more.</summary>
public static class Bounded
{
    /// <summary>The text when it fits, else its first maxLength - 1 characters and an ellipsis (never a split surrogate pair).</summary>
    public static string Cut(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var keep = maxLength - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep] + "…";
    }

    /// <summary>The text with every occurrence of a secret replaced, for a receiver's reply that might echo it.</summary>
    public static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "[redacted]", StringComparison.Ordinal);
}
