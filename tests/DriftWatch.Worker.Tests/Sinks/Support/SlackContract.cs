using System.Text.Json.Nodes;

namespace DriftWatch.Worker.Tests.Sinks.Support;

/// <summary>
/// What Slack's incoming webhooks require of a Block Kit message (api.slack.com reference: blocks and composition
/// objects), plus DriftWatch's own rule that every mrkdwn object is verbatim. Returns every problem found.
/// </summary>
public static class SlackContract
{
    private static readonly HashSet<string> BlockTypes = ["header", "section", "context", "divider"];

    public static IReadOnlyList<string> Problems(JsonObject message)
    {
        var problems = new List<string>();
        if (message["text"] is not JsonValue text || string.IsNullOrWhiteSpace(text.GetValue<string>()))
        {
            problems.Add("text (the notification fallback) is missing");
        }

        if (message["blocks"] is not JsonArray blocks || blocks.Count is 0 or > 50)
        {
            problems.Add("blocks must hold 1 to 50 blocks");
            return problems;
        }

        foreach (var block in blocks.OfType<JsonObject>())
        {
            var type = (string?)block["type"];
            if (type is null || !BlockTypes.Contains(type))
            {
                problems.Add($"unknown block type {type}");
                continue;
            }

            switch (type)
            {
                case "header":
                    CheckText(block["text"], "plain_text", 150, problems);
                    break;
                case "section":
                    if (block["text"] is null && block["fields"] is null)
                    {
                        problems.Add("a section needs text or fields");
                    }

                    if (block["text"] is { } sectionText)
                    {
                        CheckText(sectionText, null, 3000, problems);
                    }

                    if (block["fields"] is JsonArray fields)
                    {
                        if (fields.Count > 10)
                        {
                            problems.Add("a section holds at most 10 fields");
                        }

                        foreach (var field in fields)
                        {
                            CheckText(field, null, 2000, problems);
                        }
                    }

                    break;
                case "context":
                    if (block["elements"] is not JsonArray { Count: > 0 and <= 10 } elements)
                    {
                        problems.Add("a context holds 1 to 10 elements");
                        break;
                    }

                    foreach (var element in elements)
                    {
                        CheckText(element, null, 3000, problems);
                    }

                    break;
            }
        }

        return problems;
    }

    /// <summary>Every text string of the message (fallback, headers, sections, fields, context).</summary>
    public static IEnumerable<string> Texts(JsonObject message) =>
        new[] { (string?)message["text"] }
            .Concat(Objects(message["blocks"]).Select(o => o["type"]?.GetValue<string>() is "plain_text" or "mrkdwn" ? (string?)o["text"] : null))
            .OfType<string>();

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.Select(p => p.Value).SelectMany(Objects)),
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    private static void CheckText(JsonNode? node, string? requiredType, int max, List<string> problems)
    {
        var type = (string?)node?["type"];
        var text = (string?)node?["text"];
        if (type is not ("plain_text" or "mrkdwn") || (requiredType is not null && type != requiredType))
        {
            problems.Add($"text object of type {type}, expected {requiredType ?? "plain_text or mrkdwn"}");
        }

        if (string.IsNullOrEmpty(text) || text.Length > max)
        {
            problems.Add($"text of {text?.Length ?? 0} characters (1 to {max})");
        }

        if (type == "mrkdwn" && node?["verbatim"]?.GetValue<bool>() != true)
        {
            problems.Add("mrkdwn text not verbatim: Slack would link URLs and resolve @channel in it");
        }
    }
}
