using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DriftWatch.Core.Evaluation;

namespace DriftWatch.Records;

/// <summary>How verdicts, causes and summaries are written into DynamoDB string attributes and webhook bodies.</summary>
/// <remarks>
/// DynamoDB holds JSON written by earlier versions: property names and enum forms must never change
/// (tests/DriftWatch.Worker.Tests/Incidents/StoredJsonFormatTests.cs reads that format).
/// </remarks>
public static class StoredJson
{
    /// <summary>
    /// camelCase, enums as camelCase strings, computed (get-only) properties left out; the types' code is
    /// <see cref="StoredJsonContext"/>'s. Each enum a stored type holds needs its converter here: the generic one is
    /// the only string converter Native AOT can run.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter<ComplianceStatus>(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = StoredJsonContext.Default,
    };

    /// <summary>Serialises a value of a type <see cref="StoredJsonContext"/> lists.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Deserialises a value written by <see cref="Write{T}"/>.</summary>
    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw new JsonException($"stored {typeof(T).Name} is null");

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
