using DriftWatch.Core.Text;

namespace DriftWatch.Cli;

/// <summary>
/// Untrusted text for Spectre markup. Trail names, principals, user agents and AWS error messages can be chosen by an
/// attacker: InertText turns their control and format characters into visible escapes (no ESC, no bidi override
/// reaches the terminal), and Markup.Escape keeps '[red]' in a name literal.
/// </summary>
internal static class SafeText
{
    /// <summary>The text made inert, then escaped for Spectre markup.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(InertText.Of(text));
}
