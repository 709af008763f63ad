using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using DriftWatch.Worker.Options;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Worker.Outbox;

namespace DriftWatch.Testing;

/// <summary>The worker's queues and tables under their default names: how deep the queue is, and wiping them between runs.</summary>
public static class WorkerRecords
{
    /// <summary>Messages waiting or in flight in a queue (the events queue by default).</summary>
    public static async Task<int> DepthAsync(IAmazonSQS sqs, string? queueName = null)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = (await sqs.GetQueueUrlAsync(queueName ?? new QueueOptions().Name)).QueueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        });
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    /// <summary>Empties both queues and the three tables.</summary>
    public static async Task ClearAsync(IAmazonSQS sqs, IAmazonDynamoDB dynamo)
    {
        var queues = new QueueOptions();
        foreach (var queue in new[] { queues.Name, queues.DeadLetterName })
        {
            await sqs.PurgeQueueAsync((await sqs.GetQueueUrlAsync(queue)).QueueUrl);
        }

        await ClearTablesAsync(dynamo);
    }

    /// <summary>Empties the three tables, leaving the queues as they are.</summary>
    public static async Task ClearTablesAsync(IAmazonDynamoDB dynamo)
    {
        var tables = new StorageOptions();
        await ClearTableAsync(dynamo, tables.StateTable, "AccountId");
        await ClearTableAsync(dynamo, tables.TransitionsTable, "AccountId", "TransitionKey");
        await ClearTableAsync(dynamo, tables.IncidentsTable, "IncidentId");
    }

    private static async Task ClearTableAsync(IAmazonDynamoDB dynamo, string table, params string[] keys)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start });
            // 25 deletes a call, BatchWriteItem's limit: a bench leaves thousands of items behind.
            foreach (var batch in (page.Items ?? []).Chunk(25))
            {
                await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
                {
                    RequestItems = new()
                    {
                        [table] = batch.Select(i => new WriteRequest { DeleteRequest = new DeleteRequest { Key = keys.ToDictionary(k => k, k => i[k]) } }).ToList(),
                    },
                });
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
    }
}
