using DriftWatch.Core.Evaluation;
using Spectre.Console;

namespace DriftWatch.Cli.Output;

/// <summary>
/// The human view of a verdict: a table of trails, one verdict line, the reasons, and the commands that fix a
/// failure. Every value from AWS goes through SafeText.Markup: trail names and messages may be hostile.
/// </summary>
internal static class TextVerdictRenderer
{
    /// <summary>Writes the verdict to the console.</summary>
    public static void Render(IAnsiConsole console, Verdict verdict)
    {
        if (verdict.Trails.Count > 0)
        {
            console.Write(TrailTable(verdict.Trails));
        }
        else if (verdict.AccountId.Length > 0)
        {
            // Only once the account is known: when identification failed, no trails were looked for.
            console.MarkupLine("No trails found.");
        }

        console.MarkupLine(VerdictLine(verdict));
        foreach (var reason in verdict.Reasons.Skip(1))
        {
            console.MarkupLine($"  - {SafeText.Markup(reason)}");
        }

        Section(console, "Errors", verdict.Errors.Select(e => e.ToString()));
        Section(console, "Warnings", verdict.Warnings);
        Section(console, "Retention", verdict.Retention.Select(r => r.ToString()));
        if (verdict.Exception is { } documented)
        {
            console.MarkupLine(
                $"Documented exception (line {documented.Line}): regions {SafeText.Markup(string.Join(", ", documented.Regions))}; "
                + $"owner {SafeText.Markup(documented.Owner)}; expires {documented.Expires:yyyy-MM-dd}; "
                + $"compensating controls: {SafeText.Markup(documented.CompensatingControls)}");
        }

        if (verdict.Remediation.Count > 0)
        {
            console.MarkupLine("Remediation:");
            foreach (var command in verdict.Remediation)
            {
                var line = SafeText.Markup(command);
                console.MarkupLine(command.StartsWith('#') ? $"  [grey]{line}[/]" : $"  {line}");
            }
        }
    }

    private static Table TrailTable(IReadOnlyList<TrailAssessment> trails)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in new[] { "Trail", "Home region", "Multi-region", "Logging", "Reads", "Writes", "Excluded", "Delivery", "Destination", "Covers" })
        {
            table.AddColumn(header);
        }

        foreach (var t in trails)
        {
            table.AddRow(
                SafeText.Markup(t.Trail.Name),
                SafeText.Markup(t.Trail.HomeRegion),
                YesNo(t.Trail.IsMultiRegion),
                YesNo(t.Logging),
                YesNo(t.Coverage?.Reads),
                YesNo(t.Coverage?.Writes),
                t.Coverage is { ExcludedSources.Count: > 0 } c ? $"[red]{SafeText.Markup(string.Join(", ", c.ExcludedSources))}[/]" : "-",
                t.Delivery is null ? "ok" : $"[red]{SafeText.Markup(t.Delivery.Why)}[/]",
                Destination(t),
                YesNo(t.Covers));
        }

        return table;
    }

    // The bucket (and key), then how it stands; a trail failing on its own had its bucket left unread ('-').
    private static string Destination(TrailAssessment t)
    {
        var where = SafeText.Markup(t.Trail.S3BucketName ?? "-") + (t.Trail.KmsKeyId is { Length: > 0 } key ? $" (key {SafeText.Markup(key)})" : "");
        return t.Destination switch
        {
            null => $"{where}: -",
            { Status: DestinationStatus.Ok } => $"{where}: [green]ok[/]",
            { Status: DestinationStatus.Broken } d => $"{where}: [red]{SafeText.Markup(string.Join("; ", d.Problems.Select(p => p.Why)))}[/]",
            _ => $"{where}: [yellow]not verified[/]",
        };
    }

    private static string VerdictLine(Verdict verdict)
    {
        var first = verdict.Reasons.Count > 0 ? SafeText.Markup(verdict.Reasons[0]) : "";
        var account = verdict.AccountId.Length > 0 ? $"account {SafeText.Markup(verdict.AccountId)}: " : "";
        return verdict.Status switch
        {
            ComplianceStatus.Pass => $"[bold green]PASS[/] {account}{first}",
            ComplianceStatus.Fail => $"[bold red]FAIL[/] {account}{first}",
            _ => $"[bold yellow]COULD NOT EVALUATE[/] {account}{first}",
        };
    }

    private static void Section(IAnsiConsole console, string title, IEnumerable<string> lines)
    {
        var items = lines.ToList();
        if (items.Count == 0)
        {
            return;
        }

        console.MarkupLine($"{title}:");
        foreach (var item in items)
        {
            console.MarkupLine($"  - {SafeText.Markup(item)}");
        }
    }

    // Unknown (null) is shown as '?', never as 'no': an unread value is not a failing one.
    private static string YesNo(bool? value) => value switch
    {
        true => "[green]yes[/]",
        false => "[red]no[/]",
        null => "[yellow]?[/]",
    };
}
