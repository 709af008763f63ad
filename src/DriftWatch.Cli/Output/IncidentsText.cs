using DriftWatch.Core.Monitoring;
using Spectre.Console;

namespace DriftWatch.Cli.Output;

/// <summary>
/// `incidents` for people: one block per incident, newest first, its status and kind first. Blocks rather than a table, because actor ARNs,
/// reasons and remediation commands are long and a nine-column table would fold them mid-word.
/// </summary>
internal static class IncidentsText
{
    /// <summary>Writes the incidents to the console.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<Incident> incidents, bool openOnly)
    {
        if (incidents.Count == 0)
        {
            console.MarkupLine(openOnly ? "No open incidents." : "No incidents recorded.");
            return;
        }

        foreach (var i in incidents)
        {
            var status = i.IsOpen ? "[bold red]OPEN[/]" : "[green]resolved[/]";
            console.MarkupLine($"{status} {SafeText.Markup(i.Kind)} [bold]{SafeText.Markup(i.IncidentId)}[/]  account {SafeText.Markup(i.AccountId)}");
            console.MarkupLine($"  opened    {RecordCells.Time(i.OpenedAt)}" + (i.IsOpen ? "" : $"   resolved {RecordCells.Time(i.ResolvedAt)} by {Cause(i.ResolvedBy)}"));
            console.MarkupLine($"  cause     {Cause(i.OpenedBy)}");
            if (i.OpenedBy.LatestEvent() is { } e)
            {
                console.MarkupLine($"  actor     {SafeText.Markup(e.ActorArn ?? "-")} from {SafeText.Markup(e.SourceIp ?? "-")}");
                console.MarkupLine($"  agent     {SafeText.Markup(e.UserAgent ?? "-")}");
            }

            Lines(console, "reasons", i.Verdict.Reasons.Select(SafeText.Markup));
            if (i.IsOpen)
            {
                Lines(console, "fix", i.Verdict.Remediation.Select(c => c.StartsWith('#') ? $"[grey]{SafeText.Markup(c)}[/]" : SafeText.Markup(c)));
            }

            console.WriteLine();
        }
    }

    private static string Cause(EvaluationCause? cause) => cause?.LatestEvent() is { } e
        ? $"{RecordCells.Cause(cause)} in {SafeText.Markup(e.Region)}"
        : "sweep";

    private static void Lines(IAnsiConsole console, string label, IEnumerable<string> lines)
    {
        var first = true;
        foreach (var line in lines)
        {
            console.MarkupLine($"  {(first ? label.PadRight(9) : new string(' ', 9))} {line}");
            first = false;
        }
    }
}
