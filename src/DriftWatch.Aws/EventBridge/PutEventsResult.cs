namespace DriftWatch.Aws.EventBridge;

/// <summary>The outcome of publishing a batch: one result per entry, in the order given.</summary>
public sealed record PutEventsResult(int FailedEntryCount, IReadOnlyList<PublishedEvent> Entries)
{
    /// <summary>The ids of the accepted entries.</summary>
    public IReadOnlyList<string> EventIds => Entries.Where(e => e.Succeeded).Select(e => e.EventId!).ToList();
}
