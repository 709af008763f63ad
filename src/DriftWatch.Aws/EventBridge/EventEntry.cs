namespace DriftWatch.Aws.EventBridge;

/// <summary>One event to publish; Detail is the JSON document as a string, as PutEvents expects.</summary>
public sealed record EventEntry(
    string Source,
    string DetailType,
    string Detail,
    string? EventBusName = null,
    IReadOnlyList<string>? Resources = null);
