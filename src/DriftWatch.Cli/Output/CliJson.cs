using System.Text.Encodings.Web;
using System.Text.Json;
using DriftWatch.Core.Evaluation;

namespace DriftWatch.Cli.Output;

/// <summary>What every `--output json` document shares: naming, indentation, escaping and status words.</summary>
internal static class CliJson
{
    /// <summary>
    /// camelCase, indented, nulls written (every field is always present). Relaxed escaping keeps '&lt;', '&gt;' and '+'
    /// readable in remediation commands; control characters are still escaped, so no raw ESC reaches a terminal.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>pass, fail or error: the words of the JSON contract, whatever the enum is called.</summary>
    public static string Status(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Pass => "pass",
        ComplianceStatus.Fail => "fail",
        _ => "error",
    };
}
