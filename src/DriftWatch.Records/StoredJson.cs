using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriftWatch.Records;

/// <summary>How verdicts, causes and summaries are written into DynamoDB string attributes and webhook bodies.</summary>
public static class StoredJson
{
    /// <summary>camelCase, enums as lower-case strings, computed (get-only) properties left out.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Serialises a value.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserialises a value written by <see cref="Write{T}"/>.</summary>
    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"stored {typeof(T).Name} is null");
}
