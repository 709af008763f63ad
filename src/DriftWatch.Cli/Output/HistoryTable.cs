using DriftWatch.Core.Monitoring;
using Spectre.Console;

namespace DriftWatch.Cli.Output;

/// <summary>`history` for people: one row per transition, newest first, with what caused it and who.</summary>
internal static class HistoryTable
{
    /// <summary>Writes the transitions to the console.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<Transition> transitions)
    {
        if (transitions.Count == 0)
        {
            console.MarkupLine("No transitions recorded.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in new[] { "Time (UTC)", "Account", "Change", "Cause", "Actor / user agent", "Source IP", "Region", "Why" })
        {
            table.AddColumn(header);
        }

        foreach (var t in transitions)
        {
            table.AddRow(
                RecordCells.Time(t.DetectedAt),
                SafeText.Markup(t.AccountId),
                $"{RecordCells.Status(t.From)} → {RecordCells.Status(t.To)}",
                RecordCells.Cause(t.Cause),
                RecordCells.Actor(t.Cause),
                RecordCells.SourceIp(t.Cause),
                RecordCells.Region(t.Cause),
                RecordCells.Lines(t.After.Reasons.Take(1)));
        }

        console.Write(table);
    }
}
