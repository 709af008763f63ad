using System.Globalization;
using System.Text.Json.Nodes;
using DriftWatch.Sinks.Soc;

namespace DriftWatch.Sinks.Slack;

/// <summary>
/// A notice as a Slack Block Kit message: <c>text</c> (the fallback for notifications, DriftWatch's own words only) and
/// <c>blocks</c>: what happened, who, from where, which trails, why, and the fix. Every piece of text that came from
/// an event or a trail goes through <see cref="SlackText"/>, and every mrkdwn object is verbatim. Block Kit limits are
/// kept: header 150 characters, a field 2000, a section 3000.
/// </summary>
public static class SlackMessage
{
    private const int HeaderMax = 150;
    private const int SectionMax = 3000;
    private const int ListedTrails = 10;

    /// <summary>The message for a notice.</summary>
    public static JsonObject For(SocNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var n = notice.Notice;
        var fields = new JsonArray(
            Mrkdwn($"*Account*\n{SlackText.Code(n.Account)}"),
            Mrkdwn($"*Status*\n{SlackText.Code(n.Status.ToString().ToLowerInvariant())}"),
            Mrkdwn($"*What*\n{SlackText.Code(n.Cause.EventName ?? n.Cause.Kind)} in {SlackText.Code(n.Cause.Region)}"),
            Mrkdwn($"*Who*\n{SlackText.Code(n.Cause.Actor)}"),
            Mrkdwn($"*From*\n{SlackText.Code(n.Cause.SourceIp)} with {SlackText.Code(n.Cause.UserAgent)}"),
            Mrkdwn($"*{(notice.Type.Effect == NoticeEffect.Informs ? "Notice" : "Incident")}*\n{SlackText.Code(n.IncidentId)}"),
            Mrkdwn($"*Kind*\n{SlackText.Code(notice.Kind)}"));
        if (n.Cause.ErrorCode is { Length: > 0 } code)
        {
            fields.Add(Mrkdwn($"*Refused with*\n{SlackText.Code(code)}"));
        }

        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Bounded.Cut($"{Emoji(notice)} {Sentence(notice.Headline)}", HeaderMax), ["emoji"] = true },
            },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = fields,
            },
        };
        AddSection(blocks, "Trails", n.Trails.Take(ListedTrails).Select(t =>
            $"• {SlackText.Code(t.Name, 128)} (home {SlackText.Code(t.HomeRegion, 32)}) {(t.Covers ? "covers" : "does not cover")}")
            .Concat(n.Trails.Count > ListedTrails ? [$"…and {n.Trails.Count - ListedTrails} more"] : [])
            .DefaultIfEmpty("none"));
        AddSection(blocks, "Why", n.Reasons.Select(r => "• " + SlackText.Escape(r, 400)));
        if (n.Remediation.Count > 0)
        {
            var commands = string.Join('\n', n.Remediation.Select(c => SlackText.Escape(c, 1000)));
            blocks.Add(Section(Bounded.Cut($"*Fix*\n```{commands}```", SectionMax)));
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(Mrkdwn(
                $"DriftWatch · notice {SlackText.Code(notice.NoticeId)} · detected {n.DetectedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}")),
        });

        return new JsonObject
        {
            ["text"] = SlackText.Escape($"{Emoji(notice)} DriftWatch: {notice.Headline}"),
            ["blocks"] = blocks,
        };
    }

    private static void AddSection(JsonArray blocks, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count > 0)
        {
            blocks.Add(Section(Bounded.Cut($"*{title}*\n{string.Join('\n', list)}", SectionMax)));
        }
    }

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(text) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Emoji(SocNotice notice) => notice.Type.Effect == NoticeEffect.Clears
        ? ":white_check_mark:"
        : notice.Severity switch
        {
            NoticeSeverity.High => ":red_circle:",
            NoticeSeverity.Medium => ":large_orange_circle:",
            NoticeSeverity.Low => ":large_yellow_circle:",
            _ => ":large_blue_circle:",
        };
}
