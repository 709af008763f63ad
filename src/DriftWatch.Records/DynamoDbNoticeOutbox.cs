using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using DriftWatch.Records;
using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>
/// The outbox lives in the incidents table: each item carries, per notice type, a "pending" marker written in the
/// same transaction as the state change. Claims and postponements are conditional on the marker a worker read, so
/// two workers never deliver one notice at once, and a notice is only forgotten once every sink accepted it.
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
                foreach (var kind in NoticeAttributes.All)
                {
                    if (DynamoItems.Text(item, kind.Pending) is { } marker)
                    {
                        var attempts = item.TryGetValue(kind.Attempts, out var n) && n.N is { } text
                            ? int.Parse(text, CultureInfo.InvariantCulture)
                            : 0;
                        pending.Add(new PendingNotice(DynamoItems.Notice(item, kind), marker, DynamoItems.ParseTime(marker), attempts));
                    }
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return pending;
    }

    /// <inheritdoc />
    public async Task<PendingNotice?> TryClaimAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) =>
        await MoveAsync(pending, until, countFailure: false, cancellationToken)
            ? pending with { Marker = DynamoItems.Time(until), NotBefore = until }
            : null;

    /// <inheritdoc />
    public Task PostponeAsync(PendingNotice pending, DateTimeOffset until, CancellationToken cancellationToken) =>
        MoveAsync(pending, until, countFailure: true, cancellationToken);

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
                    Key = new() { ["IncidentId"] = DynamoItems.S(incidentId) },
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

    private async Task<bool> MoveAsync(PendingNotice pending, DateTimeOffset until, bool countFailure, CancellationToken cancellationToken)
    {
        var kind = NoticeAttributes.For(pending.Notice.Type);
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = new() { ["IncidentId"] = DynamoItems.S(pending.Notice.IncidentId) },
            UpdateExpression = countFailure
                ? $"SET {kind.Pending} = :until ADD {kind.Attempts} :one"
                : $"SET {kind.Pending} = :until",
            ConditionExpression = $"{kind.Pending} = :seen",
            ExpressionAttributeValues = new()
            {
                [":until"] = DynamoItems.S(DynamoItems.Time(until)),
                [":seen"] = DynamoItems.S(pending.Marker),
            },
        };
        if (countFailure)
        {
            request.ExpressionAttributeValues[":one"] = new AttributeValue { N = "1" };
        }

        try
        {
            await dynamo.UpdateItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
