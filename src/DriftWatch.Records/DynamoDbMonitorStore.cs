using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Core.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriftWatch.Records;

/// <summary>
/// Region watches in the state table (their own keys, <see cref="MonitorItems"/>), their monitoring incidents in the
/// incidents table and their notices in its outbox, as the accounts' incidents are. Every commit is conditional on the
/// watch version it read, so two workers (or one heartbeat delivered twice) never open the same incident twice.
/// </summary>
public sealed class DynamoDbMonitorStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> options, ILogger<DynamoDbMonitorStore>? logger = null)
    : IMonitorStore
{
    private readonly StorageOptions _tables = options.Value;

    /// <inheritdoc />
    public async Task<RegionWatch?> GetAsync(string accountId, string region, CancellationToken cancellationToken)
    {
        var reply = await dynamo.GetItemAsync(
            new GetItemRequest
            {
                TableName = _tables.StateTable,
                Key = new() { ["AccountId"] = DynamoItems.S(MonitorItems.WatchKey(accountId, region)) },
                ConsistentRead = true,
            },
            cancellationToken);
        return reply.Item is { Count: > 0 } item ? MonitorItems.Watch(item) : null;
    }

    /// <inheritdoc />
    public async Task<bool> CommitAsync(RegionWatch? previous, RegionWatchDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Unchanged)
        {
            return true;
        }

        var watch = WatchPut(previous, decision.Next);
        TransactWriteItem? incident = decision.Change switch
        {
            IncidentOpening opening => new() { Put = NewIncident(opening, decision.Next.Region) },
            IncidentResolution resolution => new() { Update = DynamoItems.ResolveIncident(_tables.IncidentsTable, resolution) },
            _ => null,
        };

        try
        {
            if (incident is null)
            {
                await dynamo.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = watch.TableName,
                        Item = watch.Item,
                        ConditionExpression = watch.ConditionExpression,
                        ExpressionAttributeValues = watch.ExpressionAttributeValues,
                    },
                    cancellationToken);
            }
            else
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [new() { Put = watch }, incident] }, cancellationToken);
            }

            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons is [{ Code: "ConditionalCheckFailed" }, ..])
        {
            return false;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons is [_, { Code: "ConditionalCheckFailed" }])
        {
            // The incident is already open (same id) or already resolved: the watch moves on alone, or it would be
            // refused forever and the region wedged.
            logger?.LogWarning(
                "Account {AccountId} in {Region}: monitoring incident {IncidentId} was already settled; watch version {Version} recorded without changing it",
                decision.Next.AccountId, decision.Next.Region, decision.Change?.IncidentId, decision.Next.Version);
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [new() { Put = watch }] }, cancellationToken);
                return true;
            }
            catch (TransactionCanceledException again) when (again.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
            {
                return false;
            }
        }
    }

    private Put WatchPut(RegionWatch? previous, RegionWatch next) => previous is null
        ? new Put
        {
            TableName = _tables.StateTable,
            Item = MonitorItems.Watch(next),
            ConditionExpression = "attribute_not_exists(AccountId)",
        }
        : new Put
        {
            TableName = _tables.StateTable,
            Item = MonitorItems.Watch(next),
            ConditionExpression = "Version = :expected",
            ExpressionAttributeValues = new() { [":expected"] = new AttributeValue { N = previous.Version.ToString(CultureInfo.InvariantCulture) } },
        };

    // Kind and Region are attributes of their own, like the other fields people filter on.
    private Put NewIncident(IncidentOpening opening, string region)
    {
        var item = DynamoItems.Incident(opening);
        item["Kind"] = DynamoItems.S(opening.Incident.Kind);
        item["Region"] = DynamoItems.S(region);
        return new Put { TableName = _tables.IncidentsTable, Item = item, ConditionExpression = "attribute_not_exists(IncidentId)" };
    }
}
