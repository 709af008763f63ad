using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Aws.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>
/// The CloudTrail budget shared by every worker: one item per account, region and second in the state table, counted
/// up with one conditional UpdateItem ("fewer than N so far") per call. DynamoDB serialises the writes to one item, so
/// N workers together start at most N calls in that second. The items expire (ExpiresAt, the table's TTL attribute).
/// A table that does not answer grants the call: each worker's own window still holds, and an evaluation is not held
/// up by its bookkeeping.
/// </summary>
public sealed class DynamoDbCloudTrailBudget(IAmazonDynamoDB dynamo, IOptions<StorageOptions> options, ILogger<DynamoDbCloudTrailBudget> logger)
    : ISharedCallBudget
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);
    private readonly string _table = options.Value.StateTable;

    /// <inheritdoc />
    public async ValueTask<TimeSpan> TryTakeAsync(string accountId, string region, DateTimeOffset now, int perSecond, CancellationToken cancellationToken)
    {
        var second = now.ToUnixTimeSeconds();
        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = new() { ["AccountId"] = DynamoItems.S($"rate#{accountId}#{region}#{second.ToString(CultureInfo.InvariantCulture)}") },
                    UpdateExpression = "ADD Calls :one SET ExpiresAt = :expires",
                    ConditionExpression = "attribute_not_exists(Calls) OR Calls < :limit",
                    ExpressionAttributeValues = new()
                    {
                        [":one"] = new AttributeValue { N = "1" },
                        [":limit"] = new AttributeValue { N = perSecond.ToString(CultureInfo.InvariantCulture) },
                        [":expires"] = new AttributeValue { N = (second + (long)KeptFor.TotalSeconds).ToString(CultureInfo.InvariantCulture) },
                    },
                },
                cancellationToken);
            return TimeSpan.Zero;
        }
        catch (ConditionalCheckFailedException)
        {
            return DateTimeOffset.FromUnixTimeSeconds(second + 1) - now;
        }
        catch (AmazonDynamoDBException e)
        {
            logger.LogWarning("Shared CloudTrail budget unreadable ({Error}); the call goes on within this worker's own budget", e.ErrorCode);
            return TimeSpan.Zero;
        }
    }
}
