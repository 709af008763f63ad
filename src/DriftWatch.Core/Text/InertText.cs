using System.Text;

namespace DriftWatch.Core.Text;

/// <summary>
/// Makes attacker-controlled text (user agents, principal names, trail names) safe to print: control characters,
/// including the ESC that starts terminal sequences and the newlines that forge log lines, become visible escapes.
/// </summary>
public static class InertText
{
    /// <summary>The text with every control or format character replaced by \uXXXX, capped at maxLength.</summary>
    public static string Of(string? text, int maxLength = 512)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (var c in text)
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }

            if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                builder.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
