using System.CommandLine;
using DriftWatch.Cli.Output;

namespace DriftWatch.Cli.Commands;

/// <summary>The `--output text|json` option the read commands share.</summary>
internal static class OutputOption
{
    /// <summary>A new option (an Option belongs to one command).</summary>
    public static Option<string> Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format on stdout.",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json");
        return output;
    }

    /// <summary>The format the user chose.</summary>
    public static OutputFormat Format(ParseResult parsed, Option<string> output) =>
        parsed.GetValue(output) == "json" ? OutputFormat.Json : OutputFormat.Text;
}
