using System.Globalization;
using System.Text.Json.Nodes;

namespace DriftWatch.Worker.Tests.Sinks.Support;

/// <summary>
/// What PagerDuty's Events API v2 requires of an alert event (PagerDuty/api-schema, events-v2 openapiv3.json):
/// routing_key (32 characters) and event_action always; dedup_key for a resolve; for a trigger a payload with summary
/// (1 to 1024 characters), source and severity (critical, error, warning or info). Returns every problem found.
/// </summary>
public static class PagerDutyContract
{
    public static IReadOnlyList<string> Problems(JsonObject body)
    {
        var problems = new List<string>();
        if (((string?)body["routing_key"])?.Length != 32)
        {
            problems.Add("routing_key must be 32 characters");
        }

        var action = (string?)body["event_action"];
        if (action is not ("trigger" or "acknowledge" or "resolve"))
        {
            problems.Add($"event_action {action}");
        }

        if (action is "acknowledge" or "resolve" && string.IsNullOrEmpty((string?)body["dedup_key"]))
        {
            problems.Add("dedup_key is required to acknowledge or resolve");
        }

        if (((string?)body["dedup_key"])?.Length > 255)
        {
            problems.Add("dedup_key longer than 255 characters");
        }

        if (action == "trigger")
        {
            var payload = body["payload"] as JsonObject;
            var summary = (string?)payload?["summary"];
            if (summary is null || summary.Length is 0 or > 1024)
            {
                problems.Add($"payload.summary of {summary?.Length ?? 0} characters (1 to 1024)");
            }

            if (string.IsNullOrEmpty((string?)payload?["source"]))
            {
                problems.Add("payload.source is missing");
            }

            if ((string?)payload?["severity"] is not ("critical" or "error" or "warning" or "info"))
            {
                problems.Add($"payload.severity {(string?)payload?["severity"]}");
            }

            if ((string?)payload?["timestamp"] is { } timestamp && !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, out _))
            {
                problems.Add("payload.timestamp is not ISO 8601");
            }

            if (payload?["custom_details"] is not (null or JsonObject))
            {
                problems.Add("payload.custom_details must be an object");
            }
        }

        return problems;
    }

    /// <summary>
    /// What the Change Events API requires (PagerDuty developer docs, Change Events): routing_key (32 characters) and a
    /// payload with summary (1 to 1024 characters); source and timestamp optional; no event_action or dedup_key.
    /// </summary>
    public static IReadOnlyList<string> ChangeProblems(JsonObject body)
    {
        var problems = new List<string>();
        if (((string?)body["routing_key"])?.Length != 32)
        {
            problems.Add("routing_key must be 32 characters");
        }

        if (body["event_action"] is not null || body["dedup_key"] is not null)
        {
            problems.Add("a change event has no event_action or dedup_key");
        }

        var payload = body["payload"] as JsonObject;
        var summary = (string?)payload?["summary"];
        if (summary is null || summary.Length is 0 or > 1024)
        {
            problems.Add($"payload.summary of {summary?.Length ?? 0} characters (1 to 1024)");
        }

        if ((string?)payload?["timestamp"] is { } timestamp && !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, out _))
        {
            problems.Add("payload.timestamp is not ISO 8601");
        }

        return problems;
    }
}
