using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>
/// Leases as items of the state table (<see cref="MonitorItems.LeaseKey"/>), taken with one conditional UpdateItem:
/// "never taken, due by now, or still held under the caller's token". DynamoDB serialises the writes to one item, so
/// of two workers asking at once exactly one is granted; nothing else coordinates them.
/// </summary>
public sealed class DynamoDbWorkLeases(IAmazonDynamoDB dynamo, IOptions<StorageOptions> options) : IWorkLeases
{
    private readonly string _table = options.Value.StateTable;

    /// <inheritdoc />
    public async Task<WorkLease?> TryTakeAsync(string name, DateTimeOffset now, DateTimeOffset nextDue, string? heldToken, CancellationToken cancellationToken)
    {
        var token = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var values = new Dictionary<string, AttributeValue>
        {
            [":next"] = DynamoItems.S(DynamoItems.Time(nextDue)),
            [":now"] = DynamoItems.S(DynamoItems.Time(now)),
            [":token"] = DynamoItems.S(token),
            [":none"] = DynamoItems.S(""),
        };
        var condition = "attribute_not_exists(AccountId) OR DueAt <= :now";
        if (!string.IsNullOrEmpty(heldToken))
        {
            condition += " OR #token = :held";
            values[":held"] = DynamoItems.S(heldToken);
        }

        try
        {
            var reply = await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(name),
                    UpdateExpression = "SET DueAt = :next, PreviousToken = if_not_exists(#token, :none), #token = :token",
                    ConditionExpression = condition,
                    ExpressionAttributeNames = new() { ["#token"] = "Token" },
                    ExpressionAttributeValues = values,
                    ReturnValues = ReturnValue.ALL_OLD,
                },
                cancellationToken);
            var previous = reply.Attributes is { } old ? DynamoItems.Text(old, "Token") : null;
            return new WorkLease(name, nextDue, token, string.IsNullOrEmpty(previous) ? null : previous);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<WorkLease?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await dynamo.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(name), ConsistentRead = true }, cancellationToken);
        if (reply.Item is not { Count: > 0 } item || DynamoItems.Text(item, "Token") is not { } token)
        {
            return null;
        }

        var previous = DynamoItems.Text(item, "PreviousToken");
        return new WorkLease(name, DynamoItems.ParseTime(item["DueAt"].S), token, string.IsNullOrEmpty(previous) ? null : previous);
    }

    private static Dictionary<string, AttributeValue> Key(string name) => new() { ["AccountId"] = DynamoItems.S(MonitorItems.LeaseKey(name)) };
}
