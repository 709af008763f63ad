using DriftWatch.Core.Text;

namespace DriftWatch.Cli.Report;

/// <summary>
/// One CSV field, RFC 4180, made safe for spreadsheets. Actors, event names and regions come from whoever called the
/// AWS API: a cell that starts with = + - @ (or their full-width forms), even after spaces, would be run as a formula
/// by Excel or LibreOffice (CSV injection), so it gets a leading apostrophe, which spreadsheets read as "text" and
/// people read past. Control characters (tab, CR, LF among them) become visible \uXXXX escapes first (InertText),
/// so no cell can start a new row or hide a tab-led formula. A field with a comma or a quote is quoted, quotes doubled.
/// </summary>
internal static class CsvCell
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

    /// <summary>The field as written between commas.</summary>
    public static string Of(string? value)
    {
        var text = InertText.Of(value, int.MaxValue);
        var first = text.TrimStart(' ');
        if (first.Length > 0 && FormulaStarts.Contains(first[0]))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"']) >= 0 || text.StartsWith(' ') || text.EndsWith(' ')
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
