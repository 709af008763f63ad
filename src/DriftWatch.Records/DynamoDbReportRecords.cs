using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Core;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>
/// Reports' reads from DynamoDB. Transitions are queried per account on the sort key (detection time, then version),
/// so a window reads only its own items; each page is handed on before the next is fetched, so memory holds one page
/// (at most <see cref="DefaultPageSize"/> items, and DynamoDB's 1 MB) rather than the history.
/// </summary>
public sealed class DynamoDbReportRecords(IAmazonDynamoDB dynamo, IOptions<StorageOptions> options, int pageSize = DynamoDbReportRecords.DefaultPageSize)
    : IReportRecords
{
    /// <summary>Items per Query page: a year of one account's transitions is a page or two.</summary>
    public const int DefaultPageSize = 500;

    private readonly StorageOptions _tables = options.Value;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedAccount>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<RecordedAccount>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            // Only the key and the status word: the verdicts stay in the table.
            var page = await dynamo.ScanAsync(
                new ScanRequest
                {
                    TableName = _tables.StateTable,
                    ProjectionExpression = "AccountId, #status",
                    ExpressionAttributeNames = new() { ["#status"] = "Status" },
                    ExclusiveStartKey = start,
                },
                cancellationToken);
            // The table also holds DriftWatch's own items (region watches, leases: MonitorItems), keyed apart from accounts.
            accounts.AddRange((page.Items ?? []).Where(i => AwsIds.IsAccountId(i["AccountId"].S)).Select(i => new RecordedAccount(i["AccountId"].S, Enum.Parse<ComplianceStatus>(i["Status"].S, ignoreCase: true))));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task<Transition?> LastTransitionBeforeAsync(string accountId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var page = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = _tables.TransitionsTable,
                KeyConditionExpression = "AccountId = :a AND TransitionKey < :before",
                ExpressionAttributeValues = new()
                {
                    [":a"] = DynamoItems.S(accountId),
                    [":before"] = DynamoItems.S(DynamoItems.Time(before)),
                },
                ScanIndexForward = false,
                Limit = 1,
            },
            cancellationToken);
        return page.Items is [var item, ..] ? DynamoItems.Transition(item) : null;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Transition> ReadTransitionsAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Keys are "time#version": every key of a transition detected at `from` sorts after Time(from), and every
        // key of one detected at `until` after Time(until), so BETWEEN the two bare times is exactly [from, until).
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(
                new QueryRequest
                {
                    TableName = _tables.TransitionsTable,
                    KeyConditionExpression = "AccountId = :a AND TransitionKey BETWEEN :from AND :until",
                    ExpressionAttributeValues = new()
                    {
                        [":a"] = DynamoItems.S(accountId),
                        [":from"] = DynamoItems.S(DynamoItems.Time(from)),
                        [":until"] = DynamoItems.S(DynamoItems.Time(until)),
                    },
                    ScanIndexForward = true,
                    Limit = pageSize,
                    ExclusiveStartKey = start,
                },
                cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                yield return DynamoItems.Transition(item);
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
    }
}
