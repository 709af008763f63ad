using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace DriftWatch.Worker.Tests.Sinks.Support;

/// <summary>
/// An incidents bus as a user would set one up: a custom event bus with a rule on source "driftwatch" delivering to a
/// queue. Names are unique per test; everything is removed on dispose.
/// </summary>
public sealed class IncidentBus : IAsyncDisposable
{
    private readonly Uri _endpoint;
    private readonly AmazonSQSClient _sqs;
    private readonly string _queueUrl;

    private IncidentBus(Uri endpoint, string name, AmazonSQSClient sqs, string queueUrl)
    {
        _endpoint = endpoint;
        Name = name;
        _sqs = sqs;
        _queueUrl = queueUrl;
    }

    public string Name { get; }

    public static async Task<IncidentBus> CreateAsync(Uri endpoint)
    {
        var name = "soc-incidents-" + Guid.NewGuid().ToString("N")[..8];
        var sqs = new AmazonSQSClient(MotoAws.Credentials, new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var queueUrl = (await sqs.CreateQueueAsync(name)).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
        await AwsCli.RunAsync(endpoint, "events", "create-event-bus", "--name", name);
        await AwsCli.RunAsync(endpoint, "events", "put-rule", "--name", name, "--event-bus-name", name, "--event-pattern", """{"source":["driftwatch"]}""");
        await AwsCli.RunAsync(endpoint, "events", "put-targets", "--rule", name, "--event-bus-name", name, "--targets", $"Id=queue,Arn={queueArn}");
        return new IncidentBus(endpoint, name, sqs, queueUrl);
    }

    /// <summary>The events the rule delivered so far (each an EventBridge envelope), removed from the queue.</summary>
    public async Task<IReadOnlyList<JsonObject>> ReceiveAsync()
    {
        var events = new List<JsonObject>();
        while (true)
        {
            var page = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            if (page.Messages is not { Count: > 0 } messages)
            {
                return events;
            }

            foreach (var message in messages)
            {
                events.Add(JsonNode.Parse(message.Body)!.AsObject());
                await _sqs.DeleteMessageAsync(_queueUrl, message.ReceiptHandle);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await AwsCli.RunAsync(_endpoint, "events", "remove-targets", "--rule", Name, "--event-bus-name", Name, "--ids", "queue");
        await AwsCli.RunAsync(_endpoint, "events", "delete-rule", "--name", Name, "--event-bus-name", Name);
        await AwsCli.RunAsync(_endpoint, "events", "delete-event-bus", "--name", Name);
        await _sqs.DeleteQueueAsync(_queueUrl);
        _sqs.Dispose();
    }
}
