namespace DriftWatch.Aws.EventBridge;

/// <summary>What PutEvents said about one entry: its event id, or why it was refused.</summary>
public sealed record PublishedEvent(string? EventId, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>True when EventBridge accepted the entry.</summary>
    public bool Succeeded => ErrorCode is null && EventId is not null;
}
