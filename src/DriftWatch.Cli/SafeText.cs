using System.Globalization;
using System.Text;
using Spectre.Console;

namespace DriftWatch.Cli;

/// <summary>
/// Makes untrusted text inert for a terminal. Trail names, principals and AWS error messages can be chosen by an
/// attacker; a raw ESC or a bidi override in them could rewrite what the reader sees.
/// </summary>
internal static class SafeText
{
    /// <summary>Replaces tabs and line breaks with a space, and every other control or invisible formatting character with '?'.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            builder.Append(c switch
            {
                '\t' or '\r' or '\n' => ' ',
                _ when char.IsControl(c) || category == UnicodeCategory.Format => '?',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>Cleans the text and escapes Spectre markup so that '[red]' in a name stays literal.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Clean(text));
}
