using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using DriftWatch.Core.Text;
using DriftWatch.Worker.Events;
using DriftWatch.Worker.Health;
using DriftWatch.Worker.Messages;
using DriftWatch.Worker.Options;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Shutdown;
using DriftWatch.Worker.Telemetry;
using MassTransit.Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Sqs;

/// <summary>
/// The SQS edge. Long-polls the queue, hands each CloudTrail event to its consumer through the mediator, and deletes a
/// message only after the consumer succeeded. A message that is not a CloudTrail event goes to the dead-letter queue
/// with its reason; a failed evaluation leaves the message to come back after a growing delay.
/// </summary>
public sealed class SqsEventListener(
    IAmazonSQS sqs,
    QueueAddresses queues,
    IMediator mediator,
    IOptions<QueueOptions> options,
    WorkerHealth health,
    WorkerMetrics metrics,
    ShutdownDrain drain,
    TimeProvider time,
    ILogger<SqsEventListener> logger) : BackgroundService
{
    /// <summary>Message attribute that tells a dead-lettered message's reason.</summary>
    public const string RejectionAttribute = "DriftWatchRejection";

    private readonly QueueOptions _options = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (queueUrl, deadLetterUrl) = await queues.GetAsync(stoppingToken);
        logger.LogInformation("Listening on queue {Queue} with {Concurrency} concurrent evaluations", _options.Name, _options.Concurrency);
        using var slots = new SemaphoreSlim(_options.Concurrency);
        var running = new List<Task>();
        var failures = 0;

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

            List<Message> messages;
            try
            {
                // Not cancelled on shutdown: SQS may hand messages to an abandoned long poll, hiding them for a whole
                // visibility timeout. The poll ends by itself within WaitTimeSeconds; what it brings back is released.
                var response = await sqs.ReceiveMessageAsync(
                    new ReceiveMessageRequest
                    {
                        QueueUrl = queueUrl,
                        MaxNumberOfMessages = taken,
                        WaitTimeSeconds = _options.WaitTimeSeconds,
                        VisibilityTimeout = _options.VisibilityTimeoutSeconds,
                        MessageSystemAttributeNames = ["ApproximateReceiveCount", "SentTimestamp"],
                    },
                    CancellationToken.None);
                messages = response.Messages ?? [];
                failures = 0;
                health.ReceiveSucceeded();
                metrics.MessagesReceived(messages.Count);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                slots.Release(taken);
                health.ReceiveFailed(e);
                failures++;
                var pause = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(failures, 5)));
                logger.LogWarning("Receiving from {Queue} failed ({Error}); trying again in {Seconds} s", _options.Name, e.Message, pause.TotalSeconds);
                await Task.Delay(pause, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                await Task.WhenAll(messages.Select(m => SetVisibilityAsync(queueUrl, m.ReceiptHandle, 0, CancellationToken.None)));
                break;
            }

            if (taken > messages.Count)
            {
                slots.Release(taken - messages.Count);
            }

            foreach (var message in messages)
            {
                running.Add(HandleAndReleaseAsync(message, queueUrl, deadLetterUrl, slots, drain.Token));
            }

            running.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(running);
        logger.LogInformation("Stopped listening on {Queue}", _options.Name);
    }

    private static async Task<int> TakeSlotsAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        var taken = 1;
        while (taken < 10 && slots.Wait(0))
        {
            taken++;
        }

        return taken;
    }

    private async Task HandleAndReleaseAsync(Message message, string queueUrl, string deadLetterUrl, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await HandleAsync(message, queueUrl, deadLetterUrl, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-evaluation: hand the message straight back for another worker.
            await SetVisibilityAsync(queueUrl, message.ReceiptHandle, 0, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unexpected failure handling message {MessageId}; it stays in the queue", message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task HandleAsync(Message message, string queueUrl, string deadLetterUrl, CancellationToken stoppingToken)
    {
        using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.Message);
        span?.SetTag("messaging.message.id", message.MessageId);
        DateTimeOffset? queuedAt = null;
        if (message.Attributes?.TryGetValue("SentTimestamp", out var sent) == true
            && long.TryParse(sent, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sentMs))
        {
            queuedAt = DateTimeOffset.FromUnixTimeMilliseconds(sentMs);
            span?.SetTag("messaging.sqs.sent_timestamp", sent);
        }

        var parsed = CloudTrailEventParser.Parse(message.Body ?? "");
        span?.SetTag("driftwatch.event_id", parsed.Event?.EventId);
        if (parsed.Event is not { } change)
        {
            await DeadLetterAsync(message, parsed.Rejection!, queueUrl, deadLetterUrl, stoppingToken);
            return;
        }

        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var extending = ExtendVisibilityAsync(queueUrl, message.ReceiptHandle, heartbeat.Token);
        using var visible = metrics.Visible(change.EventId, queuedAt);
        try
        {
            await mediator.Send(new CloudTrailChangeObserved(change, queuedAt), stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            await heartbeat.CancelAsync();
            await extending;
            var delay = RetryDelay(message);
            logger.LogWarning(
                "Evaluation for {EventName} {EventId} in account {AccountId} failed ({Failure}); message returns in {Seconds} s",
                InertText.Of(change.EventName), InertText.Of(change.EventId), change.AccountId, e.Message, delay);
            await SetVisibilityAsync(queueUrl, message.ReceiptHandle, delay, CancellationToken.None);
            return;
        }

        await heartbeat.CancelAsync();
        await extending;
        await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, CancellationToken.None);
    }

    private async Task DeadLetterAsync(Message message, string reason, string queueUrl, string deadLetterUrl, CancellationToken cancellationToken)
    {
        logger.LogWarning("Message {MessageId} moved to the dead-letter queue: {Reason}", message.MessageId, InertText.Of(reason));
        metrics.MessageDeadLettered();
        await sqs.SendMessageAsync(
            new SendMessageRequest
            {
                QueueUrl = deadLetterUrl,
                MessageBody = DeadLetterBody(message.Body),
                MessageAttributes = new()
                {
                    [RejectionAttribute] = new MessageAttributeValue { DataType = "String", StringValue = reason },
                    ["DriftWatchSourceMessageId"] = new MessageAttributeValue { DataType = "String", StringValue = message.MessageId },
                    ["DriftWatchBodyBytes"] = new MessageAttributeValue
                    {
                        DataType = "Number",
                        StringValue = System.Text.Encoding.UTF8.GetByteCount(message.Body ?? "").ToString(CultureInfo.InvariantCulture),
                    },
                },
            },
            cancellationToken);

        // Deleted only once the copy is in the dead-letter queue: a crash in between re-delivers, never loses.
        await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, CancellationToken.None);
    }

    /// <summary>
    /// The body as parked: whole when it is small enough to parse, else its head (the DLQ may take less than the
    /// main queue; DriftWatchBodyBytes keeps the original size). An oversized body can never block the queue.
    /// </summary>
    private static string DeadLetterBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return "(empty)";
        }

        const int keep = 64 * 1024;
        return body.Length <= CloudTrailEventParser.MaxBodyBytes / 4 ? body : body[..keep] + "…(truncated by DriftWatch)";
    }

    private async Task ExtendVisibilityAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(_options.VisibilityTimeoutSeconds / 2.0);
        try
        {
            while (true)
            {
                await Task.Delay(period, time, cancellationToken);
                await SetVisibilityAsync(queueUrl, receiptHandle, _options.VisibilityTimeoutSeconds, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The evaluation ended.
        }
    }

    private async Task SetVisibilityAsync(string queueUrl, string receiptHandle, int seconds, CancellationToken cancellationToken)
    {
        try
        {
            await sqs.ChangeMessageVisibilityAsync(queueUrl, receiptHandle, seconds, cancellationToken);
        }
        catch (AmazonSQSException e)
        {
            logger.LogWarning("Could not change a message's visibility: {Error}", e.Message);
        }
    }

    private int RetryDelay(Message message)
    {
        var receives = message.Attributes is { } attributes && attributes.TryGetValue("ApproximateReceiveCount", out var text)
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 1;
        return Math.Min(_options.MaxRetryDelaySeconds, _options.FirstRetryDelaySeconds * (1 << Math.Clamp(receives - 1, 0, 12)));
    }
}
