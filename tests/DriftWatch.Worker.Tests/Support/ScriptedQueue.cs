using System.Text.Json.Nodes;
using System.Threading.Channels;
using DriftWatch.Worker.Queue;

namespace DriftWatch.Worker.Tests.Support;

/// <summary>
/// An event queue the test fills by hand, recording how each message was settled; receives can be made to fail.
/// </summary>
public sealed class ScriptedQueue : IEventQueue
{
    private readonly Channel<QueuedMessage> _waiting = Channel.CreateUnbounded<QueuedMessage>();
    private readonly Channel<Settlement> _settled = Channel.CreateUnbounded<Settlement>();
    private readonly Channel<int> _receives = Channel.CreateUnbounded<int>();
    private int _failuresLeft;
    private int _receiveCalls;

    /// <summary>Receive calls so far, failed ones included.</summary>
    public int ReceiveCalls => Volatile.Read(ref _receiveCalls);

    /// <summary>The body of an EventBridge CloudTrail event in the account.</summary>
    public static string EventBody(string accountId, string eventId) => new JsonObject
    {
        ["detail-type"] = CloudTrailEvent.DetailType,
        ["source"] = CloudTrailEvent.Source,
        ["detail"] = CloudTrailEvent.Detail("StopLogging", "eu-west-1", Drift.Trail, accountId, eventId),
    }.ToJsonString();

    /// <summary>Puts a message on the queue, as received for the given time.</summary>
    public QueuedMessage Send(string body, int receiveCount = 1)
    {
        var message = new QueuedMessage(Guid.NewGuid().ToString(), body, null, receiveCount, $"receipt-{Guid.NewGuid()}");
        _waiting.Writer.TryWrite(message);
        return message;
    }

    /// <summary>Makes the next receives throw, as an unreachable queue would.</summary>
    public void FailReceives(int count) => Volatile.Write(ref _failuresLeft, count);

    /// <summary>The next settlement of any message.</summary>
    public async Task<Settlement> NextSettlementAsync()
    {
        using var timeout = new CancellationTokenSource(ControlledEvaluation.Patience);
        return await _settled.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>True when no message is settled within <paramref name="grace"/> (a check that can only wait).</summary>
    public async Task<bool> NoneSettledWithinAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            return !await _settled.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Waits until the receive with the given number (1 for the first) has been called.</summary>
    public async Task ReceiveCalledAsync(int number)
    {
        using var timeout = new CancellationTokenSource(ControlledEvaluation.Patience);
        while (await _receives.Reader.ReadAsync(timeout.Token) < number)
        {
        }
    }

    /// <inheritdoc />
    public Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _receiveCalls);
        _receives.Writer.TryWrite(call);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException($"receive {call} failed: the queue is unreachable");
        }

        var first = await _waiting.Reader.ReadAsync(cancellationToken);
        var messages = new List<QueuedMessage> { first };
        while (messages.Count < maxMessages && _waiting.Reader.TryRead(out var more))
        {
            messages.Add(more);
        }

        return messages;
    }

    /// <inheritdoc />
    public async Task HoldAsync(QueuedMessage message, CancellationToken whileHandling)
    {
        await Task.Delay(Timeout.Infinite, whileHandling).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <inheritdoc />
    public Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken) => Settle(new Settlement(message, "deleted", null, null));

    /// <inheritdoc />
    public Task ReturnAsync(QueuedMessage message, TimeSpan after, CancellationToken cancellationToken) => Settle(new Settlement(message, "returned", after, null));

    /// <inheritdoc />
    public Task DeadLetterAsync(QueuedMessage message, string reason, CancellationToken cancellationToken) => Settle(new Settlement(message, "dead-lettered", null, reason));

    private Task Settle(Settlement settlement)
    {
        _settled.Writer.TryWrite(settlement);
        return Task.CompletedTask;
    }

    /// <summary>What became of a message: deleted, returned (after a delay) or dead-lettered (with a reason).</summary>
    public sealed record Settlement(QueuedMessage Message, string How, TimeSpan? After, string? Reason);
}
