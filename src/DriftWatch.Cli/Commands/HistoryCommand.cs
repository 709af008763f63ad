using System.CommandLine;
using DriftWatch.Cli.Output;
using DriftWatch.Cli.Records;
using DriftWatch.Core;
using DriftWatch.Core.Text;

namespace DriftWatch.Cli.Commands;

/// <summary>
/// `driftwatch history`: recorded coverage transitions and denied attempts, newest first. Attempts are listed here rather
/// than by a command of their own: they are part of an account's story, and the same filters (account, since) apply.
/// </summary>
internal static class HistoryCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var account = AccountOption.Create("Only this 12-digit account.");

        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Only transitions and denied attempts detected since an ISO 8601 time (2026-01-31T09:00:00Z) or a duration ago (30m, 1h, 7d).",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                var at = SinceParser.Parse(text, TimeProvider.System.GetUtcNow(), out var error);
                if (error is not null)
                {
                    result.AddError(InertText.Of(error));
                }

                return at;
            },
        };

        var output = OutputOption.Create();
        var command = new Command("history", "Show recorded coverage transitions (pass → fail and back) and denied attempts (refused calls that could have reduced coverage), newest first.")
        {
            account,
            since,
            output,
        };
        command.SetAction((parsed, cancellationToken) => RecordsQuery.RunAsync(
            (records, ct) => HistoryRecords.ReadAsync(records, parsed.GetValue(account), parsed.GetValue(since), ct),
            history =>
            {
                if (OutputOption.Format(parsed, output) == OutputFormat.Json)
                {
                    RecordsJson.Write(history, Console.Out);
                }
                else
                {
                    HistoryTable.Render(StdoutConsole.Create(), history);
                }
            },
            cancellationToken));
        return command;
    }
}
