using DriftWatch.Cli.Records;
using DriftWatch.Core.Monitoring;
using Spectre.Console;

namespace DriftWatch.Cli.Output;

/// <summary>`history` for people: one row per transition or denied attempt, newest first, with what caused it and who.</summary>
internal static class HistoryTable
{
    /// <summary>Writes the transitions to the console.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<Transition> transitions) => Render(console, new HistoryRecords(transitions, []));

    /// <summary>Writes the transitions and denied attempts to the console, newest first.</summary>
    public static void Render(IAnsiConsole console, HistoryRecords history)
    {
        var entries = history.Merged();
        if (entries.Count == 0)
        {
            console.MarkupLine("No transitions recorded.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in new[] { "Time (UTC)", "Account", "Kind / change", "Cause", "Actor / user agent", "Source IP", "Region", "Why" })
        {
            table.AddColumn(header);
        }

        foreach (var (_, transition, attempt) in entries)
        {
            if (transition is { } t)
            {
                table.AddRow(
                    RecordCells.Time(t.DetectedAt),
                    SafeText.Markup(t.AccountId),
                    $"{IncidentKind.Coverage}\n{RecordCells.Status(t.From)} → {RecordCells.Status(t.To)}",
                    RecordCells.Cause(t.Cause),
                    RecordCells.Actor(t.Cause),
                    RecordCells.SourceIp(t.Cause),
                    RecordCells.Region(t.Cause),
                    RecordCells.Lines(t.After.Reasons.Take(1)));
            }
            else if (attempt is { } a)
            {
                // A refused call changed nothing: its row says so, and which error AWS answered.
                var cause = EvaluationCause.FromEvents([a.Event]);
                table.AddRow(
                    RecordCells.Time(a.DetectedAt),
                    SafeText.Markup(a.AccountId),
                    $"{SafeText.Markup(a.Kind)}\n[red]denied attempt[/]",
                    RecordCells.Cause(cause),
                    RecordCells.Actor(cause),
                    RecordCells.SourceIp(cause),
                    RecordCells.Region(cause),
                    $"refused with {SafeText.Markup(a.Event.ErrorCode ?? "-")}");
            }
        }

        console.Write(table);
    }
}
