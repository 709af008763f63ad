using Amazon.SQS;
using DriftWatch.Worker.Options;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Outbox;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Sqs;

/// <summary>Queue URLs, looked up by name (stack outputs can't be trusted for URLs in emulators; names can).</summary>
public sealed class QueueAddresses(IAmazonSQS sqs, IOptions<QueueOptions> options)
{
    private (string Queue, string DeadLetter)? _urls;

    /// <summary>The main queue's and the dead-letter queue's URLs.</summary>
    public async Task<(string Queue, string DeadLetter)> GetAsync(CancellationToken cancellationToken)
    {
        if (_urls is { } known)
        {
            return known;
        }

        var queue = await sqs.GetQueueUrlAsync(options.Value.Name, cancellationToken);
        var deadLetter = await sqs.GetQueueUrlAsync(options.Value.DeadLetterName, cancellationToken);
        _urls = (queue.QueueUrl, deadLetter.QueueUrl);
        return _urls.Value;
    }
}
