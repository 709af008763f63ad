using System.Text.Json;
using System.Text.Json.Serialization;
using DriftWatch.Cli.Output;
using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>
/// `report --output json`: one document, the stable contract. Every field is always present (null when it has no
/// value); times are ISO 8601 UTC strings and durations seconds, exactly as the CSV writes them.
/// </summary>
internal static class ReportJson
{
    private static readonly ReportJsonContext Context = new(new JsonSerializerOptions(CliJson.Options));

    /// <summary>Writes the report.</summary>
    public static void Write(CoverageReport report, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(ReportDocumentJson.Of(report), Context.ReportDocumentJson));
}

/// <summary>Source-generated serialization for the report (no reflection at run time).</summary>
[JsonSerializable(typeof(ReportDocumentJson))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
