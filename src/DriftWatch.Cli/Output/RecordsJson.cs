using System.Text.Json;
using System.Text.Json.Serialization;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>Writes `history` and `incidents` as one JSON array each (an empty array when there is nothing).</summary>
internal static class RecordsJson
{
    private static readonly RecordsJsonContext Context = new(new JsonSerializerOptions(CliJson.Options));

    /// <summary>Writes transitions, newest first as given.</summary>
    public static void Write(IReadOnlyList<Transition> transitions, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(transitions.Select(TransitionJson.Of).ToList(), Context.ListTransitionJson));

    /// <summary>Writes incidents, newest first as given.</summary>
    public static void Write(IReadOnlyList<Incident> incidents, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(incidents.Select(IncidentJson.From).ToList(), Context.ListIncidentJson));
}

/// <summary>Source-generated serialization for the records' JSON (no reflection at run time).</summary>
[JsonSerializable(typeof(List<TransitionJson>))]
[JsonSerializable(typeof(List<IncidentJson>))]
internal sealed partial class RecordsJsonContext : JsonSerializerContext;
