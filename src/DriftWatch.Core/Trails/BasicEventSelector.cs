namespace DriftWatch.Core.Trails;

/// <summary>A basic event selector as read back from GetEventSelectors.</summary>
public sealed record BasicEventSelector(
    ReadWriteType ReadWriteType,
    bool IncludeManagementEvents,
    IReadOnlyList<string> ExcludeManagementEventSources)
{
    /// <summary>A selector recording every management event, read and write: what AWS applies by default.</summary>
    public static BasicEventSelector AllManagementEvents { get; } = new(ReadWriteType.All, true, []);
}
