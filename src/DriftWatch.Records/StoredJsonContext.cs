using System.Text.Json;
using System.Text.Json.Serialization;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>
/// Serialisation code for every type <see cref="StoredJson"/> writes and reads, generated at build time: reflection-based
/// System.Text.Json cannot run in a Native AOT binary. A type written without being listed here fails loudly
/// (NotSupportedException), never silently in another shape. The settings repeat StoredJson's, which are the ones in force.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    IgnoreReadOnlyProperties = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VerdictSummary))]
[JsonSerializable(typeof(EvaluationCause))]
[JsonSerializable(typeof(TriggerEvent))]
[JsonSerializable(typeof(IncidentNotice))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
