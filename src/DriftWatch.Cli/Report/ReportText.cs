using System.Globalization;
using DriftWatch.Cli.Output;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Reporting;
using Spectre.Console;

namespace DriftWatch.Cli.Report;

/// <summary>
/// `report` for a terminal: the window and summary, one row per account, then each account's gaps and exceptions.
/// An account with more than <see cref="MostGapsListed"/> gaps shows its longest: a terminal summary of a busy year
/// stays readable (and quick to lay out), and CSV, JSON and HTML list every gap. Recorded strings go through
/// SafeText.Markup: no escape sequence or markup from a caller reaches the terminal.
/// </summary>
internal static class ReportText
{
    /// <summary>Gaps listed per account; past that, the longest, and a pointer to the formats that list every one.</summary>
    public const int MostGapsListed = 20;

    /// <summary>Writes the report to the console.</summary>
    public static void Render(IAnsiConsole console, CoverageReport report)
    {
        var window = report.Window;
        var summary = report.Summary;
        console.MarkupLine($"[bold]DriftWatch coverage report[/]  {ReportValues.ReadableTime(window.Since)} → {ReportValues.ReadableTime(window.Until)}  (generated {ReportValues.ReadableTime(report.GeneratedAt)}, DriftWatch {SafeText.Markup(ProductVersion.Current)})");
        console.MarkupLine($"[grey]Control: {SafeText.Markup(ControlDescription.Title)} (ISO 27001 A.8.15, CIS AWS 3.1, Security Hub CloudTrail.1)[/]");
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{summary.Accounts} account(s); {summary.CoveredWholeWindow} covered for the whole window ({SafeText.Markup(summary.CoveredWholeWindowPercent is { } s ? ReportValues.PercentText(s) : "-")}); worst {Worst(summary)}; mean time to restore {(summary.MeanTimeToRestore is { } m ? ReportValues.Duration(m) : "-")} over {summary.RestoredGaps} restored gap(s)"));
        if (report.Accounts.Count == 0)
        {
            console.MarkupLine("No account in DriftWatch's records.");
            return;
        }

        var accounts = new Table().Border(TableBorder.Rounded);
        foreach (var header in new[] { "Account", "Now", "Coverage", "Evaluated", "Compliant", "Could not evaluate", "Unknown", "Gaps" })
        {
            accounts.AddColumn(header);
        }

        foreach (var a in report.Accounts)
        {
            accounts.AddRow(
                SafeText.Markup(a.AccountId),
                RecordCells.Status(a.StatusNow),
                a.CoveragePercent is null ? "[grey]no evidence[/]" : ReportValues.PercentText(a.CoveragePercent),
                ReportValues.Duration(a.Evaluated),
                ReportValues.Duration(a.Compliant),
                ReportValues.Duration(a.Error),
                ReportValues.Duration(a.Unknown),
                a.Gaps.Count == 0 ? "0" : $"[red]{a.Gaps.Count}[/]");
        }

        console.Write(accounts);
        foreach (var a in report.Accounts.Where(a => a.Gaps.Count > 0 || a.Exceptions.Count > 0))
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{SafeText.Markup(a.AccountId)}[/]");
            if (a.Gaps.Count > 0)
            {
                console.Write(Gaps(a));
            }

            if (a.Gaps.Count > MostGapsListed)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [grey]the {MostGapsListed} longest of {a.Gaps.Count} gaps; --output csv, json or html lists every one[/]"));
            }

            foreach (var e in a.Exceptions)
            {
                console.MarkupLine($"  documented exception: regions {SafeText.Markup(string.Join(", ", e.Regions))}; {SafeText.Markup(e.Rationale)}; compensating: {SafeText.Markup(e.CompensatingControls)}; owner {SafeText.Markup(e.Owner)}; expires {e.Expires:yyyy-MM-dd}");
            }
        }
    }

    private static Table Gaps(AccountCoverage account)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in new[] { "From", "To", "Duration", "Cause", "Actor", "Source IP", "Region", "Resolved by" })
        {
            table.AddColumn(header);
        }

        IEnumerable<CoverageGap> listed = account.Gaps.Count <= MostGapsListed
            ? account.Gaps
            : account.Gaps.OrderByDescending(g => g.Duration).Take(MostGapsListed).OrderBy(g => g.From);
        foreach (var g in listed)
        {
            table.AddRow(
                ReportValues.ReadableTime(g.From),
                g.To is { } to ? ReportValues.ReadableTime(to) : "[red]open[/]",
                ReportValues.Duration(g.Duration),
                SafeText.Markup(ReportValues.CauseName(g.Cause)),
                SafeText.Markup(g.Cause.Actor ?? "-"),
                SafeText.Markup(g.Cause.SourceIp ?? "-"),
                SafeText.Markup(g.Cause.Region ?? "-"),
                g.ResolvedBy is { } by ? Resolver(by) : "[grey]-[/]");
        }

        return table;
    }

    private static string Resolver(NoticeCause by) =>
        SafeText.Markup(ReportValues.CauseName(by)) + (by.Actor is { } actor ? $"\n[grey]{SafeText.Markup(actor)}[/]" : "");

    private static string Worst(CoverageSummary summary) => summary.Worst is { } w
        ? $"{SafeText.Markup(w.AccountId)} ({ReportValues.PercentText(w.CoveragePercent)})"
        : "-";
}
