using System.Text;
using DriftWatch.Core.Text;

namespace DriftWatch.Sinks.Slack;

/// <summary>
/// Makes attacker-controlled text (user agents, principals, trail names) inert in Slack mrkdwn. Slack reads &amp;, &lt;
/// and &gt; as the start of its control sequences (&lt;!channel&gt;, &lt;@U123&gt;, &lt;https://x|label&gt;), so they are
/// escaped as Slack documents; a backtick becomes ˋ (U+02CB) so text inside a code span cannot close it; control and
/// format characters become visible \uXXXX escapes (<see cref="InertText"/>). The text objects DriftWatch sends are
/// also marked verbatim, so Slack neither links bare URLs nor resolves @channel or #channel names in them.
/// </summary>
public static class SlackText
{
    /// <summary>The text, safe anywhere in a mrkdwn text object; capped at maxLength characters before escaping.</summary>
    public static string Escape(string? text, int maxLength = 512)
    {
        var inert = InertText.Of(text, maxLength);
        var builder = new StringBuilder(inert.Length + 16);
        foreach (var c in inert)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '`' => "\u02cb",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>The text escaped inside an inline code span, or an em dash when there is none.</summary>
    public static string Code(string? text, int maxLength = 512) =>
        string.IsNullOrEmpty(text) ? "—" : "`" + Escape(text, maxLength) + "`";
}
