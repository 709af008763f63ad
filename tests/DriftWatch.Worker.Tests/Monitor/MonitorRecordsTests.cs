using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriftWatch.Worker.Tests.Monitor;

/// <summary>
/// The monitor's records in DynamoDB (moto): region watches and their monitoring incidents, leases, and the CloudTrail
/// budget shared by workers, all in the existing tables and invisible to the readers of account states.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class MonitorRecordsTests(DeployedMoto moto)
{
    private const string Region = "eu-west-1";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Microsoft.Extensions.Options.IOptions<StorageOptions> Tables = Microsoft.Extensions.Options.Options.Create(new StorageOptions());

    [Fact]
    public async Task AWatchThatOpensAnIncidentWritesItWithItsKindAndRegionAndItsNoticeIntoTheOutbox()
    {
        await using var world = await World.CleanAsync(moto);
        var store = new DynamoDbMonitorStore(world.Dynamo, Tables);
        var overdue = RegionWatch.Start(World.Account, Region, Now.AddHours(-1));
        var decision = RegionWatchDecider.Decide(overdue, World.Account, Region, new RegionObservation.Due(), Now, TimeSpan.FromMinutes(11));

        Assert.True(await store.CommitAsync(null, decision, default));

        var stored = await store.GetAsync(World.Account, Region, default);
        Assert.NotNull(stored);
        Assert.Equal((decision.Next.Version, decision.Next.WatchedSince, decision.Next.OpenIncidentId), (stored.Version, stored.WatchedSince, stored.OpenIncidentId));
        var incident = Assert.Single(await world.Records.ListIncidentsAsync(openOnly: true, default));
        Assert.Equal(decision.Next.OpenIncidentId, incident.IncidentId);
        var pending = Assert.Single(await new DynamoDbNoticeOutbox(world.Dynamo, Tables).ListPendingAsync(default));
        Assert.Equal((IncidentNotice.Opened, IncidentKind.Monitoring), (pending.Notice.Type, pending.Notice.Kind));
        var item = (await world.Dynamo.GetItemAsync(Tables.Value.IncidentsTable, new() { ["IncidentId"] = new() { S = incident.IncidentId } })).Item;
        Assert.Equal((IncidentKind.Monitoring, Region), (item["Kind"].S, item["Region"].S));

        // The same decision again (a retried write) is refused: the watch moved, and no second incident exists.
        Assert.False(await store.CommitAsync(null, decision, default));
        Assert.Single(await world.Records.ListIncidentsAsync(openOnly: false, default));
    }

    [Fact]
    public async Task WatchesAndLeasesAreNeverListedAsAccounts()
    {
        await using var world = await World.CleanAsync(moto);
        var store = new DynamoDbMonitorStore(world.Dynamo, Tables);
        await store.CommitAsync(null, RegionWatchDecider.Decide(null, World.Account, Region, new RegionObservation.Due(), Now, null), default);
        await new DynamoDbWorkLeases(world.Dynamo, Tables).TryTakeAsync("sweep#" + World.Account, Now, Now.AddMinutes(15), null, default);

        Assert.Empty(await world.Records.ListAccountsAsync(default));
        Assert.Empty(await new DynamoDbReportRecords(world.Dynamo, Tables).ListAccountsAsync(default));
    }

    [Fact]
    public async Task OfTwoWorkersAskingForADueLeaseOneGetsItAndItIsDueAgainOnlyAtItsNextDueTime()
    {
        await using var world = await World.CleanAsync(moto);
        var leases = new DynamoDbWorkLeases(world.Dynamo, Tables);

        var first = await leases.TryTakeAsync("heartbeat#x", Now, Now.AddMinutes(5), null, default);
        var second = await leases.TryTakeAsync("heartbeat#x", Now.AddMinutes(4), Now.AddMinutes(9), null, default);
        var next = await leases.TryTakeAsync("heartbeat#x", Now.AddMinutes(5), Now.AddMinutes(10), null, default);

        Assert.NotNull(first);
        Assert.Null(first.PreviousToken);
        Assert.Null(second);
        Assert.NotNull(next);
        Assert.NotEqual(first.Token, next.Token);
        Assert.Equal(first.Token, next.PreviousToken);
        Assert.Equal(next, await leases.GetAsync("heartbeat#x", default));
    }

    [Fact]
    public async Task ItsHolderRenewsALeaseBeforeItIsDueWhileAnotherWorkerAndAStaleTokenStillWait()
    {
        await using var world = await World.CleanAsync(moto);
        var leases = new DynamoDbWorkLeases(world.Dynamo, Tables);
        var taken = await leases.TryTakeAsync("sweep#x", Now, Now.AddMinutes(15), null, default);

        var other = await leases.TryTakeAsync("sweep#x", Now.AddMinutes(2), Now.AddMinutes(4), null, default);
        var renewed = await leases.TryTakeAsync("sweep#x", Now.AddMinutes(2), Now.AddMinutes(4), taken!.Token, default);
        var stale = await leases.TryTakeAsync("sweep#x", Now.AddMinutes(3), Now.AddMinutes(5), taken.Token, default);

        Assert.Null(other);
        Assert.NotNull(renewed);
        Assert.Equal(taken.Token, renewed.PreviousToken);
        Assert.Equal(Now.AddMinutes(4), (await leases.GetAsync("sweep#x", default))!.DueAt);
        Assert.Null(stale);
    }

    [Fact]
    public async Task TheSharedBudgetGrantsPerSecondCallsThenSaysHowLongUntilTheNextSecond()
    {
        await using var world = await World.CleanAsync(moto);
        var budget = new DynamoDbCloudTrailBudget(world.Dynamo, Tables, NullLogger<DynamoDbCloudTrailBudget>.Instance);
        var at = Now.AddMilliseconds(250);

        var granted = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            granted.Add(await budget.TryTakeAsync(World.Account, Region, at, 3, default));
        }

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(750)], granted);
        Assert.Equal(TimeSpan.Zero, await budget.TryTakeAsync(World.Account, Region, at.AddSeconds(1), 3, default));
        Assert.Equal(TimeSpan.Zero, await budget.TryTakeAsync(World.Account, "us-east-1", at, 3, default));
    }
}
