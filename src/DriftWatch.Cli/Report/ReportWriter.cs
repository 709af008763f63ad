using DriftWatch.Core.Reporting;
using Spectre.Console;

namespace DriftWatch.Cli.Report;

/// <summary>Renders a report in the chosen format onto a writer: stdout, or the --out file.</summary>
internal static class ReportWriter
{
    // A file or a pipe gets plain text wide enough that the tables do not wrap, as stdout does when redirected.
    private const int PlainWidth = 200;

    /// <summary>Writes the report.</summary>
    public static void Write(CoverageReport report, ReportFormat format, TextWriter output, bool toTerminal)
    {
        switch (format)
        {
            case ReportFormat.Json:
                ReportJson.Write(report, output);
                break;
            case ReportFormat.Csv:
                ReportCsv.Write(report, output);
                break;
            case ReportFormat.Html:
                ReportHtml.Write(report, output);
                break;
            default:
                ReportText.Render(Console(output, toTerminal), report);
                break;
        }
    }

    private static IAnsiConsole Console(TextWriter output, bool toTerminal)
    {
        if (toTerminal)
        {
            return Output.StdoutConsole.Create();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = PlainWidth;
        return console;
    }
}
