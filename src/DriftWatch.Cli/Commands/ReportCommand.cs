using System.CommandLine;
using System.Text.RegularExpressions;
using DriftWatch.Cli.Records;
using DriftWatch.Cli.Report;
using DriftWatch.Core.Text;

namespace DriftWatch.Cli.Commands;

/// <summary>`driftwatch report`: evidence for auditors, the control's coverage over a window from the recorded transitions.</summary>
internal static partial class ReportCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var account = AccountOption.Create("Only this 12-digit account (default: every account in the records).");

        var since = TimeOption("--since", "Start of the window: an ISO 8601 time (2026-01-01T00:00:00Z) or a duration ago (30m, 1h, 7d, 7d ago). Default: 30 days before --until.");
        var until = TimeOption("--until", "End of the window, excluded, in the same forms. Default: now.");
        var output = new Option<string>("--output", "-o")
        {
            Description = "Format: text (a summary per account), json (the stable contract), csv (one row per gap), html (one self-contained file).",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json", "csv", "html");
        var outFile = new Option<string?>("--out") { Description = "Write the report to this file instead of stdout." };
        var exceptions = new Option<string?>("--exceptions") { Description = $"Documented exceptions file (default: {ReportExecution.ExceptionsFileKey})." };

        var command = new Command("report", "Evidence for auditors: coverage, gaps (when, why, who fixed it) and documented exceptions over a window.")
        {
            account,
            since,
            until,
            output,
            outFile,
            exceptions,
        };
        command.SetAction((parsed, cancellationToken) => ReportExecution.RunAsync(
            new ReportOptions(
                parsed.GetValue(account),
                parsed.GetValue(since),
                parsed.GetValue(until),
                Enum.Parse<ReportFormat>(parsed.GetValue(output) ?? "text", ignoreCase: true),
                parsed.GetValue(outFile),
                parsed.GetValue(exceptions)),
            cancellationToken));
        return command;
    }

    private static Option<DateTimeOffset?> TimeOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
            // "7d ago" reads as people say it; SinceParser takes the "7d".
            var bare = text.EndsWith(" ago", StringComparison.OrdinalIgnoreCase) ? text[..^4].TrimEnd() : text;
            var at = SinceParser.Parse(bare, TimeProvider.System.GetUtcNow(), out var error, name);
            if (error is not null)
            {
                result.AddError(InertText.Of(error));
            }

            return at;
        },
    };

}
