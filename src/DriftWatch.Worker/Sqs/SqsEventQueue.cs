using System.Globalization;
using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using DriftWatch.Worker.Events;
using DriftWatch.Worker.Options;
using DriftWatch.Worker.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Sqs;

/// <summary>
/// The event queue over SQS, and the only file of the worker that knows SQS: long polls, visibility (the hold, the
/// delay before a message returns), deletes and the dead-letter queue. Queue URLs are looked up by name, because
/// stack outputs can't be trusted for URLs in emulators; names can.
/// </summary>
public sealed class SqsEventQueue(IAmazonSQS sqs, IOptions<QueueOptions> options, TimeProvider time, ILogger<SqsEventQueue> logger) : IEventQueue
{
    /// <summary>Message attribute that tells a dead-lettered message's reason.</summary>
    public const string RejectionAttribute = "DriftWatchRejection";

    /// <summary>SQS's longest visibility timeout.</summary>
    private const int MaxVisibilitySeconds = 43200;

    private readonly QueueOptions _options = options.Value;
    private (string Queue, string DeadLetter)? _urls;

    private (string Queue, string DeadLetter) Urls => _urls ?? throw new InvalidOperationException("the queue has not been opened");

    /// <inheritdoc />
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var queue = await sqs.GetQueueUrlAsync(_options.Name, cancellationToken);
        var deadLetter = await sqs.GetQueueUrlAsync(_options.DeadLetterName, cancellationToken);
        _urls = (queue.QueueUrl, deadLetter.QueueUrl);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken)
    {
        // Not cancelled: SQS may hand messages to an abandoned long poll, hiding them for a whole visibility timeout.
        // The poll ends by itself within WaitTimeSeconds.
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = Urls.Queue,
                MaxNumberOfMessages = maxMessages,
                WaitTimeSeconds = _options.WaitTimeSeconds,
                VisibilityTimeout = _options.VisibilityTimeoutSeconds,
                MessageSystemAttributeNames = ["ApproximateReceiveCount", "SentTimestamp"],
            },
            CancellationToken.None);
        return (response.Messages ?? []).Select(Read).ToList();
    }

    /// <inheritdoc />
    public async Task HoldAsync(QueuedMessage message, CancellationToken whileHandling)
    {
        var period = TimeSpan.FromSeconds(_options.VisibilityTimeoutSeconds / 2.0);
        try
        {
            while (true)
            {
                // Nearly every hold ends with handling, mid-wait: that is the normal end, not an exception to throw
                // (it was one per message, thrown and caught).
                await Task.Delay(period, time, whileHandling).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (whileHandling.IsCancellationRequested)
                {
                    return;
                }

                await SetVisibilityAsync(message, _options.VisibilityTimeoutSeconds, whileHandling);
            }
        }
        catch (OperationCanceledException)
        {
            // Handling ended (or a call timed out: the visibility already set still runs its course).
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken) =>
        sqs.DeleteMessageAsync(Urls.Queue, message.Receipt, cancellationToken);

    /// <inheritdoc />
    public Task ReturnAsync(QueuedMessage message, TimeSpan after, CancellationToken cancellationToken) =>
        SetVisibilityAsync(message, (int)Math.Clamp(Math.Ceiling(after.TotalSeconds), 0, MaxVisibilitySeconds), cancellationToken);

    /// <inheritdoc />
    public async Task DeadLetterAsync(QueuedMessage message, string reason, CancellationToken cancellationToken)
    {
        await sqs.SendMessageAsync(
            new SendMessageRequest
            {
                QueueUrl = Urls.DeadLetter,
                MessageBody = DeadLetterBody(message.Body),
                MessageAttributes = new()
                {
                    [RejectionAttribute] = new MessageAttributeValue { DataType = "String", StringValue = reason },
                    ["DriftWatchSourceMessageId"] = new MessageAttributeValue { DataType = "String", StringValue = message.Id },
                    ["DriftWatchBodyBytes"] = new MessageAttributeValue
                    {
                        DataType = "Number",
                        StringValue = Encoding.UTF8.GetByteCount(message.Body).ToString(CultureInfo.InvariantCulture),
                    },
                },
            },
            cancellationToken);

        // Deleted only once the copy is in the dead-letter queue: a crash in between re-delivers, never loses.
        await sqs.DeleteMessageAsync(Urls.Queue, message.Receipt, CancellationToken.None);
    }

    /// <summary>
    /// The body as parked: whole when it is small enough to parse, else its head (the DLQ may take less than the
    /// main queue; DriftWatchBodyBytes keeps the original size). An oversized body can never block the queue.
    /// </summary>
    private static string DeadLetterBody(string body)
    {
        if (body.Length == 0)
        {
            return "(empty)";
        }

        const int keep = 64 * 1024;
        return body.Length <= CloudTrailEventParser.MaxBodyBytes / 4 ? body : body[..keep] + "…(truncated by DriftWatch)";
    }

    private static QueuedMessage Read(Message message)
    {
        var attributes = message.Attributes ?? [];
        DateTimeOffset? sentAt = attributes.TryGetValue("SentTimestamp", out var sent)
            && long.TryParse(sent, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sentMs)
                ? DateTimeOffset.FromUnixTimeMilliseconds(sentMs)
                : null;
        var receives = attributes.TryGetValue("ApproximateReceiveCount", out var text)
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
                ? count
                : 1;
        return new QueuedMessage(message.MessageId, message.Body ?? "", sentAt, receives, message.ReceiptHandle);
    }

    private async Task SetVisibilityAsync(QueuedMessage message, int seconds, CancellationToken cancellationToken)
    {
        try
        {
            await sqs.ChangeMessageVisibilityAsync(Urls.Queue, message.Receipt, seconds, cancellationToken);
        }
        catch (AmazonSQSException e)
        {
            logger.LogWarning("Could not change a message's visibility: {Error}", e.Message);
        }
    }
}
