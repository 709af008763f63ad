using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using DriftWatch.Core;
using DriftWatch.Core.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>
/// State, transitions and incidents in DynamoDB. Every commit is conditional on the state version it read, so two
/// workers (or one message delivered twice) can never record the same transition or open the same incident twice.
/// Denied attempts are recorded under their event's id, so a message delivered twice records and announces one.
/// </summary>
public sealed class DynamoDbStateStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> options, ILogger<DynamoDbStateStore>? logger = null)
    : IStateStore, IAttemptStore, IDriftRecords
{
    private readonly StorageOptions _tables = options.Value;

    /// <inheritdoc />
    public async Task<AccountState?> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest
            {
                TableName = _tables.StateTable,
                Key = new() { ["AccountId"] = DynamoItems.S(accountId) },
                ConsistentRead = true,
            },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? DynamoItems.State(item) : null;
    }

    /// <inheritdoc />
    public async Task<bool> CommitAsync(AccountState? previous, StateDecision decision, CancellationToken cancellationToken)
    {
        var items = new List<TransactWriteItem> { new() { Put = StatePut(previous, decision.Next) } };
        if (decision.Transition is { } transition)
        {
            items.Add(new()
            {
                Put = new Put
                {
                    TableName = _tables.TransitionsTable,
                    Item = DynamoItems.Transition(transition),
                    ConditionExpression = "attribute_not_exists(TransitionKey)",
                },
            });
        }

        foreach (var change in decision.Changes)
        {
            items.Add(IncidentItem(change));
        }

        try
        {
            if (items.Count == 1)
            {
                // An unchanged verdict only moves LastEvaluatedAt: one conditional put, no transaction.
                var put = items[0].Put;
                await dynamo.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = put.TableName,
                        Item = put.Item,
                        ConditionExpression = put.ConditionExpression,
                        ExpressionAttributeValues = put.ExpressionAttributeValues,
                    },
                    cancellationToken);
            }
            else
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, cancellationToken);
            }

            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
        {
            if (e.CancellationReasons[0].Code == "ConditionalCheckFailed" || items.Count == 1)
            {
                return false;
            }

            // The state is still the one read, but an incident change was refused: that incident is already open (same
            // id) or already resolved. Retrying the same transaction would be refused forever and wedge the account;
            // the refused changes are left out, and the incidents table keeps what it already says about them. The
            // other changes (another kind's opening) are still written with the state.
            var refused = Enumerable.Range(0, items.Count)
                .Where(i => i > 0 && e.CancellationReasons.Count > i && e.CancellationReasons[i].Code == "ConditionalCheckFailed")
                .ToHashSet();
            var kept = items.Where((item, i) => !refused.Contains(i)).ToList();
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = kept }, cancellationToken);
                foreach (var change in decision.Changes.Where((_, c) => refused.Contains(items.Count - decision.Changes.Count + c)))
                {
                    logger?.LogWarning(
                        "Account {AccountId}: {Kind} incident {IncidentId} was already {Action}; version {Version} recorded without changing it",
                        decision.Next.AccountId, change.Kind, change.Notice.IncidentId, change.Action == IncidentAction.Open ? "open" : "settled", decision.Next.Version);
                }

                return true;
            }
            catch (TransactionCanceledException again) when (again.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
            {
                return false;
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> RecordAttemptAsync(DeniedAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        try
        {
            // The history row and the outbox row in one transaction, each refused when its event was recorded before.
            await dynamo.TransactWriteItemsAsync(
                new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new()
                        {
                            Put = new Put
                            {
                                TableName = _tables.TransitionsTable,
                                Item = DynamoItems.AttemptRecord(attempt),
                                ConditionExpression = "attribute_not_exists(TransitionKey)",
                            },
                        },
                        new() { Put = NewIncidentItem(DynamoItems.AttemptNotice(attempt)) },
                    ],
                },
                cancellationToken);
            return true;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeniedAttempt>> ListAttemptsAsync(string? accountId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var items = accountId is null
            ? await ScanAsync(_tables.TransitionsTable, null, cancellationToken)
            : await QueryAttemptsAsync(accountId, cancellationToken);
        return items
            .Where(DynamoItems.IsAttempt)
            .Select(DynamoItems.Attempt)
            .Where(a => since is null || a.DetectedAt >= since)
            .OrderByDescending(a => a.DetectedAt)
            .ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var items = await ScanAsync(_tables.StateTable, "AccountId", cancellationToken);
        // The table also holds DriftWatch's own items (region watches, leases: MonitorItems), keyed apart from accounts.
        return items.Select(i => i["AccountId"].S).Where(AwsIds.IsAccountId).Order(StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Transition>> ListTransitionsAsync(string? accountId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var items = accountId is null
            ? await ScanAsync(_tables.TransitionsTable, null, cancellationToken)
            : await QueryAccountAsync(accountId, since, cancellationToken);
        return items
            .Where(i => !DynamoItems.IsAttempt(i))
            .Select(DynamoItems.Transition)
            .Where(t => since is null || t.DetectedAt >= since)
            .OrderByDescending(t => t.DetectedAt)
            .ThenByDescending(t => t.Version)
            .ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool openOnly, CancellationToken cancellationToken)
    {
        var items = await ScanAsync(_tables.IncidentsTable, null, cancellationToken);
        return items
            .Where(DynamoItems.IsIncident)
            .Select(DynamoItems.Incident)
            .Where(i => !openOnly || i.IsOpen)
            .OrderByDescending(i => i.OpenedAt)
            .ToList();
    }

    private Put StatePut(AccountState? previous, AccountState next) => previous is null
        ? new Put
        {
            TableName = _tables.StateTable,
            Item = DynamoItems.State(next),
            ConditionExpression = "attribute_not_exists(AccountId)",
        }
        : new Put
        {
            TableName = _tables.StateTable,
            Item = DynamoItems.State(next),
            ConditionExpression = "Version = :expected",
            ExpressionAttributeValues = new() { [":expected"] = new AttributeValue { N = previous.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        };

    private TransactWriteItem IncidentItem(IncidentChange change) => change switch
    {
        IncidentOpening opening => new() { Put = NewIncidentItem(DynamoItems.Incident(opening)) },
        IncidentResolution resolution => new() { Update = DynamoItems.ResolveIncident(_tables.IncidentsTable, resolution) },
        // The blind notice has no incident; it waits in the outbox like the others, under its own stable id.
        MonitoringBlind blind => new() { Put = NewIncidentItem(DynamoItems.BlindNotice(blind)) },
        _ => throw new ArgumentException($"a state decision carries no {change.GetType().Name}", nameof(change)),
    };

    private Put NewIncidentItem(Dictionary<string, AttributeValue> item) => new()
    {
        TableName = _tables.IncidentsTable,
        Item = item,
        ConditionExpression = "attribute_not_exists(IncidentId)",
    };

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAccountAsync(string accountId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var results = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = _tables.TransitionsTable,
                KeyConditionExpression = since is null ? "AccountId = :a" : "AccountId = :a AND TransitionKey >= :since",
                ExpressionAttributeValues = new() { [":a"] = DynamoItems.S(accountId) },
                ScanIndexForward = false,
                ExclusiveStartKey = start,
            };
            if (since is { } from)
            {
                request.ExpressionAttributeValues[":since"] = DynamoItems.S(DynamoItems.Time(from));
            }

            var page = await dynamo.QueryAsync(request, cancellationToken);
            results.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return results;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAttemptsAsync(string accountId, CancellationToken cancellationToken)
    {
        var results = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(
                new QueryRequest
                {
                    TableName = _tables.TransitionsTable,
                    KeyConditionExpression = "AccountId = :a AND begins_with(TransitionKey, :attempt)",
                    ExpressionAttributeValues = new()
                    {
                        [":a"] = DynamoItems.S(accountId),
                        [":attempt"] = DynamoItems.S(DynamoItems.AttemptKeyPrefix),
                    },
                    ExclusiveStartKey = start,
                },
                cancellationToken);
            results.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return results;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(string table, string? projection, CancellationToken cancellationToken)
    {
        var results = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(
                new ScanRequest { TableName = table, ProjectionExpression = projection, ExclusiveStartKey = start },
                cancellationToken);
            results.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return results;
    }
}
