using Amazon.SQS;
using Amazon.SQS.Model;
using DriftWatch.Worker.Options;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Outbox;
using DriftWatch.Worker.Sqs;
using DriftWatch.Testing;

namespace DriftWatch.Campaign;

/// <summary>The campaign's own view of the two queues, straight to moto (never through the fault proxy).</summary>
public sealed class Queues : IDisposable
{
    private readonly AmazonSQSClient _sqs;

    private Queues(AmazonSQSClient sqs, string main, string deadLetter)
    {
        _sqs = sqs;
        Main = main;
        DeadLetter = deadLetter;
    }

    /// <summary>driftwatch-events URL.</summary>
    public string Main { get; }

    /// <summary>driftwatch-events-dlq URL.</summary>
    public string DeadLetter { get; }

    /// <summary>Looks the queues up by name.</summary>
    public static async Task<Queues> OpenAsync(Uri moto)
    {
        var sqs = new AmazonSQSClient(MotoAws.Credentials, new AmazonSQSConfig { ServiceURL = moto.ToString(), AuthenticationRegion = "us-east-1" });
        var names = new QueueOptions();
        return new Queues(sqs, (await sqs.GetQueueUrlAsync(names.Name)).QueueUrl, (await sqs.GetQueueUrlAsync(names.DeadLetterName)).QueueUrl);
    }

    /// <summary>Sends bodies in batches of ten; returns the message id of each body, in order.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        var ids = new string[bodies.Count];
        var batches = Enumerable.Range(0, bodies.Count).Chunk(10).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var response = await _sqs.SendMessageBatchAsync(
                new SendMessageBatchRequest
                {
                    QueueUrl = Main,
                    Entries = batch.Select(i => new SendMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), bodies[i])).ToList(),
                },
                ct);
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException($"SQS refused {failed.Count} messages: {failed[0].Code} {failed[0].Message}");
            }

            foreach (var entry in response.Successful)
            {
                ids[int.Parse(entry.Id, System.Globalization.CultureInfo.InvariantCulture)] = entry.MessageId;
            }
        });
        return ids;
    }

    /// <summary>Visible + in flight + delayed in the main queue.</summary>
    public async Task<int> DepthAsync(CancellationToken cancellationToken)
    {
        var attributes = await _sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest
            {
                QueueUrl = Main,
                AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
            },
            cancellationToken);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible + attributes.ApproximateNumberOfMessagesDelayed;
    }

    /// <summary>Reads every dead letter once (hidden for an hour after reading, so none is counted twice).</summary>
    public async Task<IReadOnlyList<Message>> DrainDeadLettersAsync(CancellationToken cancellationToken)
    {
        var all = new List<Message>();
        var empty = 0;
        while (empty < 3)
        {
            var response = await _sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest
                {
                    QueueUrl = DeadLetter,
                    MaxNumberOfMessages = 10,
                    VisibilityTimeout = 3600,
                    MessageAttributeNames = ["All"],
                    MessageSystemAttributeNames = ["All"],
                },
                cancellationToken);
            if (response.Messages is not { Count: > 0 } messages)
            {
                empty++;
                continue;
            }

            empty = 0;
            all.AddRange(messages);
        }

        return all;
    }

    /// <summary>The reason a dead letter was parked with, or null when SQS moved it (redrive) rather than the worker.</summary>
    public static string? Rejection(Message message) =>
        message.MessageAttributes?.TryGetValue(SqsEventQueue.RejectionAttribute, out var value) == true ? value.StringValue : null;

    /// <summary>The original message id of a dead letter the worker parked.</summary>
    public static string? SourceId(Message message) =>
        message.MessageAttributes?.TryGetValue("DriftWatchSourceMessageId", out var value) == true ? value.StringValue : null;

    /// <inheritdoc />
    public void Dispose() => _sqs.Dispose();
}
