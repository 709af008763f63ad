namespace DriftWatch.Worker.Queue;

/// <summary>One message taken from the event queue, with what the transport knows of its history.</summary>
/// <param name="Id">The transport's message id.</param>
/// <param name="Body">The body as sent (an EventBridge envelope, or anything anyone with queue access sent).</param>
/// <param name="SentAt">When it entered the queue, when the transport says.</param>
/// <param name="ReceiveCount">How often it has been received, this time included.</param>
/// <param name="Receipt">The handle that settles this receipt of it (SQS: the receipt handle).</param>
public sealed record QueuedMessage(string Id, string Body, DateTimeOffset? SentAt, int ReceiveCount, string Receipt);
