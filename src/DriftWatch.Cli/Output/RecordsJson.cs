using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Nodes;
using DriftWatch.Cli.Records;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Cli.Output;

/// <summary>Writes `history` and `incidents` as one JSON array each (an empty array when there is nothing).</summary>
internal static class RecordsJson
{
    private static readonly RecordsJsonContext Context = new(new JsonSerializerOptions(CliJson.Options));

    /// <summary>Writes transitions, newest first as given.</summary>
    public static void Write(IReadOnlyList<Transition> transitions, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(transitions.Select(TransitionJson.Of).ToList(), Context.ListTransitionJson));

    /// <summary>Writes the history: transitions and denied attempts in one array, newest first, each with its "record" word.</summary>
    public static void Write(HistoryRecords history, TextWriter output)
    {
        var elements = new JsonArray();
        foreach (var (_, transition, attempt) in history.Merged())
        {
            elements.Add(transition is not null
                ? JsonSerializer.SerializeToNode(TransitionJson.Of(transition), Context.TransitionJson)
                : JsonSerializer.SerializeToNode(AttemptJson.Of(attempt!), Context.AttemptJson));
        }

        output.WriteLine(elements.ToJsonString(Context.Options));
    }

    /// <summary>Writes incidents, newest first as given.</summary>
    public static void Write(IReadOnlyList<Incident> incidents, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(incidents.Select(IncidentJson.From).ToList(), Context.ListIncidentJson));
}

/// <summary>Source-generated serialization for the records' JSON (no reflection at run time).</summary>
[JsonSerializable(typeof(List<TransitionJson>))]
[JsonSerializable(typeof(TransitionJson))]
[JsonSerializable(typeof(AttemptJson))]
[JsonSerializable(typeof(List<IncidentJson>))]
internal sealed partial class RecordsJsonContext : JsonSerializerContext;
