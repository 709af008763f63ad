namespace DriftWatch.Worker.Queue;

/// <summary>
/// The queue CloudTrail events arrive on, as the listener uses it. Only its implementation knows the transport
/// (<see cref="Sqs.SqsEventQueue"/> over IAmazonSQS): a transport package replaces the queue in that one file.
/// A message received is hidden from other workers until it is deleted, returned, dead-lettered or its hold lapses.
/// </summary>
public interface IEventQueue
{
    /// <summary>Finds the queues; fails when they do not exist, so a misnamed queue stops the worker at start.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits (long poll) for up to <paramref name="maxMessages"/> messages; empty when none came. A poll under way is
    /// not abandoned on cancellation: what it brings back after that, the caller returns.
    /// </summary>
    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken);

    /// <summary>Keeps the message hidden from other workers until <paramref name="whileHandling"/> is cancelled.</summary>
    Task HoldAsync(QueuedMessage message, CancellationToken whileHandling);

    /// <summary>Removes a message that was handled.</summary>
    Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken);

    /// <summary>Hands the message back, to be received again after <paramref name="after"/> (zero: at once).</summary>
    Task ReturnAsync(QueuedMessage message, TimeSpan after, CancellationToken cancellationToken);

    /// <summary>Parks a message that is no event in the dead-letter queue with its reason, then removes it here.</summary>
    Task DeadLetterAsync(QueuedMessage message, string reason, CancellationToken cancellationToken);
}
