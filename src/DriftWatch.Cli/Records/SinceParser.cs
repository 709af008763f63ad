using System.Globalization;
using System.Text.RegularExpressions;

namespace DriftWatch.Cli.Records;

/// <summary>
/// `--since`: an ISO 8601 time (UTC unless it says otherwise; a date alone is its midnight) or a duration back from now:
/// a positive whole number followed by s, m, h, d or w (30m, 1h, 7d).
/// </summary>
internal static partial class SinceParser
{
    /// <summary>The moment meant, or null with the reason in <paramref name="error"/> (which names <paramref name="option"/>).</summary>
    public static DateTimeOffset? Parse(string text, DateTimeOffset now, out string? error, string option = "--since")
    {
        error = null;
        var relative = Relative().Match(text.Trim());
        if (relative.Success)
        {
            if (!long.TryParse(relative.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 100_000)
            {
                error = $"{option}: '{text}' must be a positive number of units, at most 100000";
                return null;
            }

            return now - (relative.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7 * n),
            });
        }

        if (Iso().IsMatch(text.Trim())
            && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        error = $"{option}: '{text}' is neither an ISO 8601 time (2026-01-31T09:00:00Z) nor a duration such as 30m, 1h, 7d";
        return null;
    }

    [GeneratedRegex(@"^(?<n>\d+)(?<unit>[smhdw])$")]
    private static partial Regex Relative();

    // Only the ISO 8601 shapes: DateTimeOffset.TryParse alone would also take "1/2/3" or "Tuesday".
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex Iso();
}
