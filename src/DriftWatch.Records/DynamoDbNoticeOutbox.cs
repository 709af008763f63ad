using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>
/// The outbox lives in the incidents table: each item carries, per notice type, a "pending" marker written in the
/// same transaction as the state change, and the set of sinks that took the notice, grown with ADD as each accepts.
/// Claims and postponements are conditional on the marker a worker read, so two workers never deliver one notice at
/// once, and a notice is only forgotten once every enabled sink took it.
/// </summary>
public sealed class DynamoDbNoticeOutbox(IAmazonDynamoDB dynamo, IOptions<StorageOptions> options) : INoticeOutbox
{
    private readonly string _table = options.Value.IncidentsTable;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingNotice>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var filter = string.Join(" OR ", NoticeAttributes.All.Select(a => $"attribute_exists({a.Pending})"));
        var pending = new List<PendingNotice>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(
                new ScanRequest { TableName = _table, FilterExpression = filter, ExclusiveStartKey = start, ConsistentRead = true },
                cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                pending.AddRange(DynamoItems.PendingNotices(item));
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return pending;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingNotice>> ListPendingAsync(string incidentId, CancellationToken cancellationToken)
    {
        var reply = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(incidentId), ConsistentRead = true },
            cancellationToken);
        return reply.Item is { Count: > 0 } item ? DynamoItems.PendingNotices(item).ToList() : [];
    }

    /// <inheritdoc />
    public async Task<PendingNotice?> TryClaimAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var item = await MoveAsync(pending, until, countFailure: false, cancellationToken);
        // The item as the claim left it: the sinks that took the notice since the list was read count too.
        return item is null ? null : DynamoItems.PendingNotices(item).FirstOrDefault(p => p.Notice.Type == pending.Notice.Type);
    }

    /// <inheritdoc />
    public Task PostponeAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) =>
        MoveAsync(pending, until, countFailure: true, cancellationToken);

    /// <inheritdoc />
    public async Task RecordTakenAsync(string incidentId, string noticeType, string sink, CancellationToken cancellationToken)
    {
        var kind = NoticeAttributes.For(noticeType);
        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(incidentId),
                    UpdateExpression = $"ADD {kind.TakenBy} :sink",
                    // ADD would create a missing item; a notice's item always exists, so none is ever made here.
                    ConditionExpression = "attribute_exists(IncidentId)",
                    ExpressionAttributeValues = new() { [":sink"] = new AttributeValue { SS = [sink] } },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // No such incident: nothing to record.
        }
    }

    /// <inheritdoc />
    public async Task MarkDeliveredAsync(string incidentId, string noticeType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var kind = NoticeAttributes.For(noticeType);
        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(incidentId),
                    UpdateExpression = $"REMOVE {kind.Pending}, {kind.Attempts} SET {kind.NotifiedAt} = :at",
                    ConditionExpression = $"attribute_exists({kind.Pending})",
                    ExpressionAttributeValues = new() { [":at"] = DynamoItems.S(DynamoItems.Time(at)) },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already delivered (by this worker's fast path or another worker's retrier): nothing to do.
        }
    }

    private static Dictionary<string, AttributeValue> Key(string incidentId) => new() { ["IncidentId"] = DynamoItems.S(incidentId) };

    /// <summary>Moves the marker if it is still the one read; returns the item as updated, or null when it was not.</summary>
    private async Task<Dictionary<string, AttributeValue>?> MoveAsync(PendingNotice pending, DateTimeOffset until, bool countFailure, CancellationToken cancellationToken)
    {
        var kind = NoticeAttributes.For(pending.Notice.Type);
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = Key(pending.Notice.IncidentId),
            UpdateExpression = countFailure
                ? $"SET {kind.Pending} = :until ADD {kind.Attempts} :one"
                : $"SET {kind.Pending} = :until",
            ConditionExpression = $"{kind.Pending} = :seen",
            ExpressionAttributeValues = new()
            {
                [":until"] = DynamoItems.S(DynamoItems.Time(until)),
                [":seen"] = DynamoItems.S(pending.Marker),
            },
            ReturnValues = ReturnValue.ALL_NEW,
        };
        if (countFailure)
        {
            request.ExpressionAttributeValues[":one"] = new AttributeValue { N = "1" };
        }

        try
        {
            return (await dynamo.UpdateItemAsync(request, cancellationToken)).Attributes;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }
}
