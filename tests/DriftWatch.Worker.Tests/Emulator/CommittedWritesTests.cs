using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Testing;

namespace DriftWatch.Worker.Tests.Emulator;

/// <summary>
/// The guarantee the end-to-end tests, the campaign and the bench lean on, checked on the moto they run
/// (emulator/moto_server.py): a committed DynamoDB write survives a concurrent transaction's cancellation. Plain moto
/// 5.2.1 restores a whole-table snapshot when a transaction is cancelled, and loses several of these two hundred writes.
/// The emulator puts back only the cancelled transaction's own items, so a cancelled transaction must still leave
/// nothing of itself behind, in any of the tables it named.
/// </summary>
public sealed class CommittedWritesTests
{
    private const string Table = "emulator-committed-writes";

    [Fact]
    public async Task WritesCommittedWhileOtherTransactionsAreCancelledAreAllKept()
    {
        await using var moto = await MotoServer.LaunchAsync();
        using var db = Client(moto);
        await CreateTableAsync(db, Table);
        // A table of some size, so each cancelled transaction's snapshot takes long enough to overlap other writes.
        for (var i = 0; i < 300; i++)
        {
            await PutAsync(db, $"padding-{i}", new string('x', 200));
        }

        await PutAsync(db, "taken", "first");

        using var done = new CancellationTokenSource();
        var losers = Enumerable.Range(0, 2).Select(_ => Task.Run(() => LoseRacesAsync(db, done.Token))).ToArray();
        var written = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            await PutAsync(db, $"committed-{i}", "v");
            written.Add($"committed-{i}");
        }

        await done.CancelAsync();
        var cancelled = (await Task.WhenAll(losers)).Sum();

        Assert.True(cancelled > 0, "no transaction was cancelled alongside the writes: the test raced nothing");
        var missing = new List<string>();
        foreach (var key in written)
        {
            var item = await db.GetItemAsync(Table, new Dictionary<string, AttributeValue> { ["k"] = new(key) });
            if (!item.IsItemSet)
            {
                missing.Add(key);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task ACancelledTransactionLeavesNoneOfItsWritesInAnyTableItNamed()
    {
        await using var moto = await MotoServer.LaunchAsync();
        using var db = Client(moto);
        await CreateTableAsync(db, Table);
        const string Ranged = Table + "-ranged";
        await CreateTableAsync(db, Ranged, rangeKey: "r");
        await PutAsync(db, "updated", "before");
        await PutAsync(db, "deleted", "before");
        await PutAsync(db, "taken", "first");

        // Every kind of write first, then the condition that cancels them all.
        await Assert.ThrowsAsync<TransactionCanceledException>(() => db.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new() { Put = new Put { TableName = Table, Item = new() { ["k"] = new("added"), ["v"] = new("new") } } },
                new() { Put = new Put { TableName = Ranged, Item = new() { ["k"] = new("added"), ["r"] = new("1"), ["v"] = new("new") } } },
                new()
                {
                    Update = new Update
                    {
                        TableName = Table,
                        Key = new() { ["k"] = new("updated") },
                        UpdateExpression = "SET v = :v",
                        ExpressionAttributeValues = new() { [":v"] = new("after") },
                    },
                },
                new() { Delete = new Delete { TableName = Table, Key = new() { ["k"] = new("deleted") } } },
                new()
                {
                    Put = new Put
                    {
                        TableName = Table,
                        Item = new() { ["k"] = new("taken"), ["v"] = new("second") },
                        ConditionExpression = "attribute_not_exists(k)",
                    },
                },
            ],
        }));

        async Task<string?> ValueAsync(string table, Dictionary<string, AttributeValue> key) =>
            (await db.GetItemAsync(new GetItemRequest { TableName = table, Key = key, ConsistentRead = true })).Item is { Count: > 0 } item ? item["v"].S : null;
        Assert.Null(await ValueAsync(Table, new() { ["k"] = new("added") }));
        Assert.Null(await ValueAsync(Ranged, new() { ["k"] = new("added"), ["r"] = new("1") }));
        Assert.Equal("before", await ValueAsync(Table, new() { ["k"] = new("updated") }));
        Assert.Equal("before", await ValueAsync(Table, new() { ["k"] = new("deleted") }));
        Assert.Equal("first", await ValueAsync(Table, new() { ["k"] = new("taken") }));
        Assert.Equal(3, (await db.ScanAsync(new ScanRequest { TableName = Table })).Count);
        Assert.Equal(0, (await db.ScanAsync(new ScanRequest { TableName = Ranged })).Count);
    }

    private static AmazonDynamoDBClient Client(MotoServer moto) => new(
        MotoAws.Credentials,
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = StackDeployment.CentralRegion });

    private static Task CreateTableAsync(IAmazonDynamoDB db, string name, string? rangeKey = null) => db.CreateTableAsync(new CreateTableRequest
    {
        TableName = name,
        KeySchema = [new KeySchemaElement("k", KeyType.HASH), .. rangeKey is null ? Array.Empty<KeySchemaElement>() : [new KeySchemaElement(rangeKey, KeyType.RANGE)]],
        AttributeDefinitions =
            [new AttributeDefinition("k", ScalarAttributeType.S), .. rangeKey is null ? Array.Empty<AttributeDefinition>() : [new AttributeDefinition(rangeKey, ScalarAttributeType.S)]],
        BillingMode = BillingMode.PAY_PER_REQUEST,
    });

    private static Task PutAsync(IAmazonDynamoDB db, string key, string value) =>
        db.PutItemAsync(Table, new Dictionary<string, AttributeValue> { ["k"] = new(key), ["v"] = new(value) });

    // A transaction whose condition always fails, as a worker that lost the race for an account's next version.
    private static async Task<int> LoseRacesAsync(IAmazonDynamoDB db, CancellationToken stop)
    {
        var cancelled = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await db.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new TransactWriteItem
                        {
                            Put = new Put
                            {
                                TableName = Table,
                                Item = new Dictionary<string, AttributeValue> { ["k"] = new("taken"), ["v"] = new("second") },
                                ConditionExpression = "attribute_not_exists(k)",
                            },
                        },
                    ],
                });
            }
            catch (TransactionCanceledException)
            {
                cancelled++;
            }
        }

        return cancelled;
    }
}
