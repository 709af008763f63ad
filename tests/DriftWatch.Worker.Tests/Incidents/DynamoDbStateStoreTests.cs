using Amazon.DynamoDBv2.Model;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Records;
using DriftWatch.Sinks;
using DriftWatch.Testing;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.Incidents;

/// <summary>
/// Incident kinds and denied attempts in the real store, on moto's DynamoDB: one commit writes every change of a
/// decision (a coverage and an integrity opening at once), each kind resolves on its own, states written before kinds
/// stay readable, and an attempt is recorded once per event, listed by the history and by no report. The notices go
/// out through the real notifier to a local webhook.
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class DynamoDbStateStoreTests(DeployedMoto moto)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan BlindAfter = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly RetentionShortfall OneDay = new(Drift.Trail, World.Bucket, "expire-after-a-day", 1, 365);

    [Fact]
    public async Task OneEvaluationOpensCoverageAndIntegrityInOneCommitAndEachResolvesOnItsOwn()
    {
        await using var world = await World.CleanAsync(moto);
        await using var webhook = new WebhookReceiver();
        await using var worker = WorkerHost.Build(moto.Endpoint, new Dictionary<string, string?> { ["DriftWatch:Incidents:Webhook:Url"] = webhook.Url.ToString() });
        var notifier = worker.Services.GetRequiredService<IncidentNotifier>();
        var store = world.Records;

        var dropped = StateDecider.Decide(null, Verdict(ComplianceStatus.Fail, OneDay), EvaluationCause.Sweep, Now, BlindAfter);
        Assert.True(await store.CommitAsync(null, dropped, default));
        Assert.False(await store.CommitAsync(null, dropped, default));
        foreach (var notice in dropped.Notices)
        {
            Assert.Equal(0, await notifier.NotifyAsync(notice, default));
        }

        var open = await store.ListIncidentsAsync(openOnly: true, default);
        Assert.Equal(
            [(IncidentKind.Coverage, $"{World.Account}-00000001"), (IncidentKind.Integrity, $"integrity-{World.Account}-00000001")],
            open.Select(i => (i.Kind, i.IncidentId)).OrderBy(p => p.Kind, StringComparer.Ordinal));
        var state = (await store.GetAsync(World.Account, default))!;
        Assert.Equal(dropped.Next.OpenIncidents.OrderBy(p => p.Key), state.OpenIncidents.OrderBy(p => p.Key));
        var opened = webhook.Seen.Where(d => d.Type == IncidentNotice.Opened).ToList();
        Assert.Equal([IncidentKind.Coverage, IncidentKind.Integrity], opened.Select(d => (string?)d.Json["kind"]));
        Assert.Contains(World.Bucket, (string?)opened[1].Json["reasons"]![0], StringComparison.Ordinal);
        Assert.Contains("'expire-after-a-day'", (string?)opened[1].Json["reasons"]![0], StringComparison.Ordinal);

        // Coverage returns, the lifecycle rule is still there: only coverage resolves.
        var covered = StateDecider.Decide(state, Verdict(ComplianceStatus.Pass, OneDay), EvaluationCause.Sweep, Now.AddMinutes(1), BlindAfter);
        Assert.True(await store.CommitAsync(state, covered, default));
        await NotifyAllAsync(notifier, covered);
        Assert.Equal([IncidentKind.Integrity], (await store.ListIncidentsAsync(openOnly: true, default)).Select(i => i.Kind));

        // The rule is removed: integrity resolves too.
        state = (await store.GetAsync(World.Account, default))!;
        var kept = StateDecider.Decide(state, Verdict(ComplianceStatus.Pass), EvaluationCause.Sweep, Now.AddMinutes(2), BlindAfter);
        Assert.True(await store.CommitAsync(state, kept, default));
        await NotifyAllAsync(notifier, kept);
        Assert.Empty(await store.ListIncidentsAsync(openOnly: true, default));
        Assert.Empty((await store.GetAsync(World.Account, default))!.OpenIncidents);
        var resolved = webhook.Seen.Where(d => d.Type == IncidentNotice.Resolved).ToList();
        Assert.Equal(
            [(IncidentKind.Coverage, $"{World.Account}-00000001"), (IncidentKind.Integrity, $"integrity-{World.Account}-00000001")],
            resolved.Select(d => ((string?)d.Json["kind"], (string?)d.Json["incidentId"])));
        await Eventually.MatchAsync(() => worker.Services.GetRequiredService<INoticeOutbox>().ListPendingAsync(default), p => p.Count == 0, Wait, "outbox empty");
    }

    [Fact]
    public async Task AnIncidentAlreadyOpenIsLeftAsItIsAndTheOtherKindStillOpens()
    {
        await using var world = await World.CleanAsync(moto);
        var store = world.Records;
        var decision = StateDecider.Decide(null, Verdict(ComplianceStatus.Fail, OneDay), EvaluationCause.Sweep, Now, BlindAfter);
        var coverage = (IncidentOpening)decision.ChangeOf(IncidentKind.Coverage)!;
        // A coverage incident under the same id is already there (a retried write that got through once).
        Assert.True(await store.CommitAsync(null, new StateDecision(decision.Next with { Version = 1 }, null, coverage), default));
        var first = (await store.GetAsync(World.Account, default))!;
        await world.Dynamo.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = new StorageOptions().StateTable,
            Key = new() { ["AccountId"] = new AttributeValue { S = World.Account } },
        });

        Assert.True(await store.CommitAsync(null, decision, default));

        var incidents = await store.ListIncidentsAsync(openOnly: true, default);
        Assert.Equal([IncidentKind.Coverage, IncidentKind.Integrity], incidents.Select(i => i.Kind).Order(StringComparer.Ordinal));
        Assert.Equal(first.OpenIncidentId, incidents.Single(i => i.Kind == IncidentKind.Coverage).IncidentId);
        Assert.Equal(decision.Next.Version, (await store.GetAsync(World.Account, default))!.Version);
    }

    [Fact]
    public async Task AStateAndAnIncidentWrittenBeforeKindsAreReadAsCoverage()
    {
        await using var world = await World.CleanAsync(moto);
        var tables = new StorageOptions();
        var summary = VerdictSummary.Of(Verdict(ComplianceStatus.Fail));
        var incidentId = $"{World.Account}-00000003";
        await world.Dynamo.PutItemAsync(tables.StateTable, new Dictionary<string, AttributeValue>
        {
            ["AccountId"] = new() { S = World.Account },
            ["Version"] = new() { N = "3" },
            ["Status"] = new() { S = "fail" },
            ["Verdict"] = new() { S = StoredJson.Write(summary) },
            ["ChangedAt"] = new() { S = "2026-02-01T00:00:00.0000000Z" },
            ["LastEvaluatedAt"] = new() { S = "2026-02-01T00:00:00.0000000Z" },
            ["BlindNoticeSent"] = new() { BOOL = false },
            ["OpenIncidentId"] = new() { S = incidentId },
        });
        await world.Dynamo.PutItemAsync(tables.IncidentsTable, new Dictionary<string, AttributeValue>
        {
            ["IncidentId"] = new() { S = incidentId },
            ["AccountId"] = new() { S = World.Account },
            ["OpenedAt"] = new() { S = "2026-02-01T00:00:00.0000000Z" },
            ["Status"] = new() { S = "open" },
            ["OpenedBy"] = new() { S = StoredJson.Write(EvaluationCause.Sweep) },
            ["Verdict"] = new() { S = StoredJson.Write(summary) },
        });

        var state = (await world.Records.GetAsync(World.Account, default))!;
        Assert.Equal(incidentId, state.OpenIncidentId);
        Assert.Equal([IncidentKind.Coverage], state.OpenIncidents.Keys);
        Assert.Equal(IncidentKind.Coverage, Assert.Single(await world.Records.ListIncidentsAsync(openOnly: true, default)).Kind);

        var back = StateDecider.Decide(state, Verdict(ComplianceStatus.Pass), EvaluationCause.Sweep, Now, BlindAfter);
        Assert.Equal(incidentId, Assert.IsType<IncidentResolution>(back.Change).ResolvedIncidentId);
        Assert.True(await world.Records.CommitAsync(state, back, default));
        Assert.Empty(await world.Records.ListIncidentsAsync(openOnly: true, default));
    }

    [Fact]
    public async Task AResolvedIncidentRowSaysWhenAndByWhatItResolvedAndLeavesTheVerdictToTheTransitionWrittenWithIt()
    {
        await using var world = await World.CleanAsync(moto);
        var tables = new StorageOptions();
        var dropped = StateDecider.Decide(null, Verdict(ComplianceStatus.Fail), EvaluationCause.Sweep, Now, BlindAfter);
        Assert.True(await world.Records.CommitAsync(null, dropped, default));
        var state = (await world.Records.GetAsync(World.Account, default))!;
        var back = StateDecider.Decide(state, Verdict(ComplianceStatus.Pass), EvaluationCause.Sweep, Now.AddMinutes(1), BlindAfter);
        var resolution = Assert.IsType<IncidentResolution>(back.Change);
        Assert.True(await world.Records.CommitAsync(state, back, default));

        var row = (await world.Dynamo.GetItemAsync(
            tables.IncidentsTable, new Dictionary<string, AttributeValue> { ["IncidentId"] = new() { S = resolution.ResolvedIncidentId } })).Item;
        Assert.Equal("resolved", row["Status"].S);
        Assert.Equal(DynamoItems.Time(Now.AddMinutes(1)), row["ResolvedAt"].S);
        Assert.Equal(StoredJson.Write(EvaluationCause.Sweep), row["ResolvedBy"].S);
        Assert.Equal(IncidentNotice.Resolved, DynamoItems.Notice(row, NoticeAttributes.Resolved).Type);
        // The update names five attributes; the verdict it resolved with is the transition's After, not copied here.
        Assert.False(row.ContainsKey("ResolvedVerdict"));
        var transition = Assert.Single(await world.Records.ListTransitionsAsync(World.Account, Now.AddSeconds(30), default));
        Assert.Equal(ComplianceStatus.Pass, transition.To);
        Assert.Equal(ComplianceStatus.Pass, transition.After.Status);
        Assert.Equal(Now.AddMinutes(1), Assert.Single(await world.Records.ListIncidentsAsync(openOnly: false, default)).ResolvedAt);
    }

    [Fact]
    public async Task ADeniedAttemptIsRecordedOncePerEventAndListedByTheHistoryAndByNoReport()
    {
        await using var world = await World.CleanAsync(moto);
        var store = world.Records;
        var first = StateDecider.Decide(null, Verdict(ComplianceStatus.Pass), EvaluationCause.Sweep, Now.AddMinutes(-5), BlindAfter);
        Assert.True(await store.CommitAsync(null, first, default));
        var refused = new TriggerEvent("StopLogging", "not-a-uuid:42/7", Now, Drift.HomeRegion, World.Account, DeniedCalls.Actor(World.Account), "AssumedRole",
            DeniedCalls.SourceIp, DeniedCalls.UserAgent, Drift.Trail, ErrorCode: "AccessDenied");
        var attempt = DeniedAttempt.Decide(refused, first.Next.Verdict, Now)!;

        Assert.True(await store.RecordAttemptAsync(attempt, default));
        Assert.False(await store.RecordAttemptAsync(DeniedAttempt.Decide(refused, null, Now.AddMinutes(1))!, default));

        var listed = Assert.Single(await store.ListAttemptsAsync(World.Account, Now.AddMinutes(-1), default));
        Assert.Equal(StoredJson.Write(attempt.Notice), StoredJson.Write(listed.Notice));
        Assert.Equal(refused, listed.Event);
        Assert.Single(await store.ListAttemptsAsync(null, null, default));
        Assert.Empty(await store.ListAttemptsAsync(World.Account, Now.AddMinutes(1), default));
        Assert.Single(await store.ListTransitionsAsync(World.Account, null, default));
        Assert.Single(await store.ListTransitionsAsync(World.Account, Now.AddMinutes(-10), default));
        Assert.Single(await store.ListTransitionsAsync(null, null, default));
        Assert.Empty(await store.ListIncidentsAsync(openOnly: false, default));
        var pending = Assert.Single(await new DynamoDbNoticeOutbox(world.Dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions())).ListPendingAsync(default));
        Assert.Equal((IncidentNotice.AttemptDenied, attempt.NoticeId), (pending.Notice.Type, pending.Notice.IncidentId));

        var reports = new DynamoDbReportRecords(world.Dynamo, Microsoft.Extensions.Options.Options.Create(new StorageOptions()));
        var window = new List<Transition>();
        await foreach (var t in reports.ReadTransitionsAsync(World.Account, Now.AddDays(-1), Now.AddDays(1), default))
        {
            window.Add(t);
        }

        Assert.Single(window);
        Assert.Equal(first.Next.Version, (await reports.LastTransitionBeforeAsync(World.Account, Now.AddDays(1), default))!.Version);
    }

    private static async Task NotifyAllAsync(IncidentNotifier notifier, StateDecision decision)
    {
        foreach (var notice in decision.Notices)
        {
            Assert.Equal(0, await notifier.NotifyAsync(notice, default));
        }
    }

    private static Verdict Verdict(ComplianceStatus status, params RetentionShortfall[] retention) => new(
        status,
        World.Account,
        Now,
        [],
        status == ComplianceStatus.Fail ? ["no multi-region trail is logging"] : [],
        status == ComplianceStatus.Fail ? [$"aws cloudtrail start-logging --name {Drift.Trail} --region {Drift.HomeRegion}"] : [],
        [],
        null,
        1)
    {
        Retention = retention,
    };
}
