using System.Text.Encodings.Web;
using DriftWatch.Core.Text;

namespace DriftWatch.Cli.Report;

/// <summary>
/// Text for the HTML report. Actors, user agents, event names, reasons and exception rationales can be chosen by an
/// attacker (or by whoever wrote the exceptions file): control characters become visible escapes (InertText), then
/// everything that HTML gives meaning to (&lt; &gt; &amp; quotes) and everything outside ASCII is encoded, so nothing
/// becomes markup, in an element or in an attribute.
/// </summary>
internal static class HtmlText
{
    /// <summary>The text, inert and HTML-encoded.</summary>
    public static string Of(string? text) => HtmlEncoder.Default.Encode(InertText.Of(text));
}
