using DriftWatch.Core.Text;
using DriftWatch.Worker.Events;
using DriftWatch.Worker.Heartbeat;
using DriftWatch.Worker.Health;
using DriftWatch.Worker.Messages;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Resilience;
using DriftWatch.Worker.Shutdown;
using DriftWatch.Worker.Telemetry;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace DriftWatch.Worker.Queue;

/// <summary>
/// The queue edge. Takes messages from the event queue, asks for each CloudTrail event to be evaluated through the
/// mediator, and settles the message by the answer: deleted once evaluated, returned after a growing delay when it
/// could not be (or the request faulted). A message that is not a CloudTrail event goes to the dead-letter queue with
/// its reason. At most Concurrency messages are held at once, taken by two receivers so that a poll is waiting while
/// a message is evaluated (<see cref="ReceiveLoopAsync"/>).
/// </summary>
public sealed class EventQueueListener(
    IEventQueue queue,
    IRequestClient<CloudTrailChangeObserved> evaluations,
    IRequestClient<HeartbeatObserved> heartbeats,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<QueueOptions> options,
    WorkerHealth health,
    WorkerMetrics metrics,
    ShutdownDrain drain,
    ILogger<EventQueueListener> logger) : BackgroundService
{
    /// <summary>SQS and most transports hand out at most this many messages per receive.</summary>
    private const int MaxBatch = 10;

    private readonly QueueOptions _options = options.Value;
    private readonly ResiliencePipeline _receive = pipelines.GetPipeline(WorkerPipelines.QueueReceive);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queue.OpenAsync(stoppingToken);
        logger.LogInformation("Listening on queue {Queue} with {Concurrency} concurrent evaluations", _options.Name, _options.Concurrency);
        using var slots = new SemaphoreSlim(_options.Concurrency);
        var receivers = new Receivers();
        Task[] loops = [ReceiveLoopAsync(receivers, 0, slots, stoppingToken), ReceiveLoopAsync(receivers, 1, slots, stoppingToken)];
        // A receiver that fails fails the listener at once, as the one loop did: the host must not run on half its edge.
        await await Task.WhenAny(loops);
        await Task.WhenAll(loops);
        logger.LogInformation("Stopped listening on {Queue}", _options.Name);
    }

    /// <summary>
    /// One of the two receivers. Between them a long poll is waiting whenever a slot is free, even while a message is
    /// being evaluated: a receiver that brought messages polls again once they are settled, or as soon as the other
    /// receiver's poll ends, whichever is first. So the next message is taken by a poll already waiting, and this
    /// worker's next receive is not made while the message it holds is evaluated.
    /// </summary>
    private async Task ReceiveLoopAsync(Receivers receivers, int me, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            int taken;
            try
            {
                taken = await TakeSlotsAsync(slots, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            IReadOnlyList<QueuedMessage> messages;
            var polling = receivers.StartPoll(me);
            try
            {
                messages = await _receive.ExecuteAsync(async ct => await ReceiveOnceAsync(taken, ct), stoppingToken);
                metrics.MessagesReceived(messages.Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                slots.Release(taken);
                break;
            }
            finally
            {
                polling.TrySetResult();
            }

            if (stoppingToken.IsCancellationRequested)
            {
                await Task.WhenAll(messages.Select(m => queue.ReturnAsync(m, TimeSpan.Zero, CancellationToken.None)));
                break;
            }

            if (taken > messages.Count)
            {
                slots.Release(taken - messages.Count);
            }

            // In-flight work runs on the drain token: SIGTERM stops receiving, not what was already taken.
            var batch = messages.Select(m => HandleAndReleaseAsync(m, slots, drain.Token)).ToList();
            running.AddRange(batch);
            running.RemoveAll(t => t.IsCompleted);
            if (batch.Count > 0)
            {
                Task settledOrOtherPollEnded = Task.WhenAny(Task.WhenAll(batch), receivers.PollOf(1 - me));
                await settledOrOtherPollEnded.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await Task.WhenAll(running);
    }

    /// <summary>One receive, reported to readiness: the worker's own traffic is the probe.</summary>
    private async Task<IReadOnlyList<QueuedMessage>> ReceiveOnceAsync(int count, CancellationToken cancellationToken)
    {
        try
        {
            var messages = await queue.ReceiveAsync(count, cancellationToken);
            health.ReceiveSucceeded();
            return messages;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            health.ReceiveFailed(e);
            throw;
        }
    }

    private static async Task<int> TakeSlotsAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        var taken = 1;
        while (taken < MaxBatch && slots.Wait(0))
        {
            taken++;
        }

        return taken;
    }

    private async Task HandleAndReleaseAsync(QueuedMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await HandleAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-evaluation: hand the message straight back for another worker.
            await queue.ReturnAsync(message, TimeSpan.Zero, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unexpected failure handling message {MessageId}; it stays in the queue", message.Id);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task HandleHeartbeatAsync(QueuedMessage message, HeartbeatEvent? heartbeat, CancellationToken stoppingToken)
    {
        if (heartbeat is null)
        {
            logger.LogWarning("Message {MessageId} moved to the dead-letter queue: a heartbeat without a usable account, region, sentAt and id", message.Id);
            metrics.MessageDeadLettered();
            await queue.DeadLetterAsync(message, "heartbeat without a usable account, region, sentAt and id", stoppingToken);
            return;
        }

        try
        {
            await heartbeats.GetResponse<HeartbeatRecorded>(new HeartbeatObserved(heartbeat), stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var delay = _options.ReturnDelay(message.ReceiveCount);
            logger.LogWarning(
                "Heartbeat of account {AccountId} in {Region} could not be recorded ({Failure}); message returns in {Seconds} s",
                heartbeat.AccountId, heartbeat.Region, InertText.Of(e.Message), delay.TotalSeconds);
            await queue.ReturnAsync(message, delay, CancellationToken.None);
            return;
        }

        await queue.DeleteAsync(message, CancellationToken.None);
    }

    private async Task HandleAsync(QueuedMessage message, CancellationToken stoppingToken)
    {
        using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.Message);
        span?.SetTag("messaging.message.id", message.Id);
        span?.SetTag("messaging.sent_at", message.SentAt);

        // A heartbeat only records that its forwarder delivers; it is routed before the CloudTrail parser.
        if (HeartbeatEvent.TryRead(message.Body, out var heartbeat))
        {
            await HandleHeartbeatAsync(message, heartbeat, stoppingToken);
            return;
        }

        var parsed = CloudTrailEventParser.Parse(message.Body);
        span?.SetTag("driftwatch.event_id", parsed.Event?.EventId);
        if (parsed.Event is not { } change)
        {
            logger.LogWarning("Message {MessageId} moved to the dead-letter queue: {Reason}", message.Id, InertText.Of(parsed.Rejection));
            metrics.MessageDeadLettered();
            await queue.DeadLetterAsync(message, parsed.Rejection!, stoppingToken);
            return;
        }

        using var visible = metrics.Visible(change.EventId, message.SentAt);
        AccountEvaluated? answer = null;
        var settled = false;
        string? fault = null;
        using (var holding = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            var hold = queue.HoldAsync(message, holding.Token);
            try
            {
                var response = await evaluations.GetResponse<AccountEvaluated, ChangeNotEvaluated>(new CloudTrailChangeObserved(change, message.SentAt), stoppingToken);
                if (response.Is(out Response<ChangeNotEvaluated>? _))
                {
                    // Nothing to evaluate (a bucket or key no trail uses): settled like an evaluated event.
                    settled = true;
                }
                else if (response.Is(out Response<AccountEvaluated>? evaluated))
                {
                    answer = evaluated.Message;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The consumer faulted past its retries (or never answered): no verdict, so the message must stay.
                fault = e.Message;
            }
            finally
            {
                await holding.CancelAsync();
                await hold;
            }
        }

        if (settled || answer is { CouldNotEvaluate: false })
        {
            await queue.DeleteAsync(message, CancellationToken.None);
            return;
        }

        // Stopping without a verdict: the message goes straight back, for another worker.
        stoppingToken.ThrowIfCancellationRequested();

        var delay = _options.ReturnDelay(message.ReceiveCount);
        if (fault is not null)
        {
            logger.LogWarning(
                "Evaluation for {EventName} {EventId} in account {AccountId} failed ({Failure}); message returns in {Seconds} s",
                InertText.Of(change.EventName), InertText.Of(change.EventId), change.AccountId, InertText.Of(fault), delay.TotalSeconds);
        }
        else
        {
            logger.LogWarning(
                "{EventName} {EventId} in account {AccountId} could not be evaluated; message returns in {Seconds} s",
                InertText.Of(change.EventName), InertText.Of(change.EventId), change.AccountId, delay.TotalSeconds);
        }

        await queue.ReturnAsync(message, delay, CancellationToken.None);
    }

    /// <summary>The poll each receiver has waiting: a task that ends when it returns (already ended between polls).</summary>
    private sealed class Receivers
    {
        private readonly TaskCompletionSource[] _polls = [Ended(), Ended()];

        public TaskCompletionSource StartPoll(int receiver)
        {
            var poll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _polls[receiver], poll);
            return poll;
        }

        public Task PollOf(int receiver) => Volatile.Read(ref _polls[receiver]).Task;

        private static TaskCompletionSource Ended()
        {
            var ended = new TaskCompletionSource();
            ended.SetResult();
            return ended;
        }
    }
}
