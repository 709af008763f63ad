using System.CommandLine;
using DriftWatch.Cli.Output;
using DriftWatch.Cli.Records;

namespace DriftWatch.Cli.Commands;

/// <summary>`driftwatch incidents`: incidents raised to the SOC, newest first.</summary>
internal static class IncidentsCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var open = new Option<bool>("--open") { Description = "Only incidents not yet resolved." };
        var output = OutputOption.Create();
        var command = new Command("incidents", "Show incidents (coverage dropped, or log retention too short) with their kind, cause, reasons and remediation, newest first.")
        {
            open,
            output,
        };
        command.SetAction((parsed, cancellationToken) => RecordsQuery.RunAsync(
            (records, ct) => records.ListIncidentsAsync(parsed.GetValue(open), ct),
            incidents =>
            {
                if (OutputOption.Format(parsed, output) == OutputFormat.Json)
                {
                    RecordsJson.Write(incidents, Console.Out);
                }
                else
                {
                    IncidentsText.Render(StdoutConsole.Create(), incidents, parsed.GetValue(open));
                }
            },
            cancellationToken));
        return command;
    }
}
