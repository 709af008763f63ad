using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Worker.Evaluation;
using DriftWatch.Worker.Sweep;
using DriftWatch.Worker.Tests.Support;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.Organization;

/// <summary>
/// One central worker pool for an organization, on moto with several accounts: member stacks forward each region's
/// CloudTrail changes to the central bus, the worker reads each account through its DriftWatchReader role, org
/// trails in the management account cover members, and an account the worker cannot enter is "could not evaluate".
/// </summary>
[Collection(DeployedMotoCollection.Name)]
public sealed class OrganizationScaleTests(DeployedMoto moto)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task EventsFromTwoMembersInTwoRegionsReachTheCentralQueueAndEachIncidentNamesItsAccountWithTwoWorkersSharingTheQueue()
    {
        await using var world = await World.CleanAsync(moto);
        using var org = await OrganizationSetup.CreateAsync(moto.Endpoint);
        var alpha = await org.AddMemberAsync("alpha");
        var beta = await org.AddMemberAsync("beta");
        await alpha.DeployMemberStackAsync(["eu-west-1", "ap-southeast-2"], OrganizationSetup.CentralBusArn, OrganizationSetup.WorkerRoleArn);
        await beta.DeployMemberStackAsync(["ap-southeast-2", "eu-west-1"], OrganizationSetup.CentralBusArn, OrganizationSetup.WorkerRoleArn);
        await alpha.CreateCompliantTrailAsync("alpha-audit", "eu-west-1");
        await beta.CreateCompliantTrailAsync("beta-audit", "ap-southeast-2");
        await using var webhook = new WebhookReceiver();
        await using var first = await WorkerHost.StartAsync(moto.Endpoint, org.WorkerSettings(webhook));
        await using var second = await WorkerHost.StartAsync(moto.Endpoint, org.WorkerSettings(webhook));
        await FirstSeenPassAsync(world, alpha.AccountId);
        await FirstSeenPassAsync(world, beta.AccountId);
        await StartupSweepDoneAsync(first);
        await StartupSweepDoneAsync(second);

        await alpha.StopLoggingAsync("alpha-audit", "eu-west-1");
        await beta.StopLoggingAsync("beta-audit", "ap-southeast-2");
        var alphaEvent = await alpha.PublishAsync("StopLogging", "eu-west-1", "alpha-audit");
        var betaEvents = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // Duplicates and retries of one drop, spread over both workers.
            betaEvents.Add(await beta.PublishAsync("StopLogging", "ap-southeast-2", "beta-audit"));
        }

        var alphaOpened = await OpenedForAsync(webhook, alpha.AccountId);
        Assert.Equal("fail", (string?)alphaOpened.Json["status"]);
        Assert.Equal(alphaEvent, (string?)alphaOpened.Json["cause"]!["eventId"]);
        Assert.Equal("eu-west-1", (string?)alphaOpened.Json["cause"]!["region"]);
        var betaOpened = await OpenedForAsync(webhook, beta.AccountId);
        Assert.Contains((string?)betaOpened.Json["cause"]!["eventId"], betaEvents);
        Assert.Equal("ap-southeast-2", (string?)betaOpened.Json["cause"]!["region"]);

        await Eventually.MatchAsync(() => world.DepthAsync("driftwatch-events"), d => d == 0, Wait, "queue drained");
        foreach (var member in new[] { alpha, beta })
        {
            var transitions = await world.Records.ListTransitionsAsync(member.AccountId, null, default);
            Assert.Equal([ComplianceStatus.Fail, ComplianceStatus.Pass], transitions.Select(t => t.To));
            Assert.Single(webhook.Seen, d => d.Type == "incident.opened" && (string?)d.Json["account"] == member.AccountId);
        }

        // Each worker read each member as that member: one AssumeRole per member and worker at most, sessions reused.
        Assert.Contains(first.Logs.Lines.Concat(second.Logs.Lines), l => l.Contains($"Assumed arn:aws:iam::{alpha.AccountId}:role/DriftWatchReader", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOrganizationTrailInTheManagementAccountCoversAMemberWithNoTrailOfItsOwn()
    {
        await using var world = await World.CleanAsync(moto);
        using var org = await OrganizationSetup.CreateAsync(moto.Endpoint);
        await org.Management.CreateCompliantTrailAsync("org-trail", "us-east-1", isOrganization: true);
        var member = await org.AddMemberAsync("gamma");
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, org.WorkerSettings());
        var coalescer = worker.Services.GetRequiredService<EvaluationCoalescer>();

        var covered = await coalescer.RequestAsync(member.AccountId, null, null, CancellationToken.None);

        Assert.Equal(ComplianceStatus.Pass, covered.Status);
        var state = (await world.Records.GetAsync(member.AccountId, default))!;
        Assert.Contains(state.Verdict.Reasons, r => r.Contains("org-trail", StringComparison.Ordinal));

        await org.Management.StopLoggingAsync("org-trail", "us-east-1");
        var uncovered = await coalescer.RequestAsync(member.AccountId, null, null, CancellationToken.None);

        Assert.Equal(ComplianceStatus.Fail, uncovered.Status);
    }

    [Fact]
    public async Task StoppingAnOrganizationTrailOpensAnIncidentInItsMembersAtOnceNamingTheManagementAccountsEvent()
    {
        await using var world = await World.CleanAsync(moto);
        using var org = await OrganizationSetup.CreateAsync(moto.Endpoint);
        await org.Management.DeployMemberStackAsync(["us-east-1"], OrganizationSetup.CentralBusArn, OrganizationSetup.WorkerRoleArn);
        await org.Management.CreateCompliantTrailAsync("org-trail", "us-east-1", isOrganization: true);
        var member = await org.AddMemberAsync("delta");
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, org.WorkerSettings(webhook));
        await FirstSeenPassAsync(world, member.AccountId);
        await StartupSweepDoneAsync(worker);

        await org.Management.StopLoggingAsync("org-trail", "us-east-1");
        var eventId = await org.Management.PublishAsync("StopLogging", "us-east-1", "org-trail");

        // The event names the management account only; the member's incident must not wait for the next sweep.
        var opened = await OpenedForAsync(webhook, member.AccountId);
        Assert.Equal("event", (string?)opened.Json["cause"]!["kind"]);
        Assert.Equal(eventId, (string?)opened.Json["cause"]!["eventId"]);
    }

    [Fact]
    public async Task AMemberWhoseRoleCannotBeAssumedIsCouldNotEvaluateNotFailAndOpensNoIncident()
    {
        await using var world = await World.CleanAsync(moto);
        using var org = await OrganizationSetup.CreateAsync(moto.Endpoint);
        var locked = await org.AddMemberAsync("locked");
        var open = await org.AddMemberAsync("open");
        await open.CreateCompliantTrailAsync("open-audit", "eu-west-1");
        await using var proxy = new AssumeRoleDenyingProxy(moto.Endpoint);
        proxy.Deny(locked.AccountId);
        await using var webhook = new WebhookReceiver();
        await using var worker = await WorkerHost.StartAsync(
            proxy.Endpoint, org.WorkerSettings(webhook, new Dictionary<string, string?> { ["DriftWatch:Aws:EndpointUrl"] = proxy.Endpoint.ToString() }));
        var coalescer = worker.Services.GetRequiredService<EvaluationCoalescer>();

        var denied = await coalescer.RequestAsync(locked.AccountId, null, null, CancellationToken.None);
        var readable = await coalescer.RequestAsync(open.AccountId, null, null, CancellationToken.None);

        Assert.Equal(ComplianceStatus.Error, denied.Status);
        Assert.Equal(ComplianceStatus.Pass, readable.Status);
        var state = (await world.Records.GetAsync(locked.AccountId, default))!;
        Assert.Contains(state.Verdict.Errors, e => e.Contains("AccessDenied", StringComparison.Ordinal)
            && e.Contains($"arn:aws:iam::{locked.AccountId}:role/DriftWatchReader", StringComparison.Ordinal));
        Assert.Null(state.OpenIncidentId);
        Assert.True(proxy.DeniedCalls > 0);
        Assert.DoesNotContain(webhook.Seen, d => (string?)d.Json["account"] == locked.AccountId);
    }

    [Fact]
    public async Task AMemberCoveredOnlyByAnUnreadableOrganizationTrailIsCouldNotEvaluateNotFail()
    {
        await using var world = await World.CleanAsync(moto);
        using var org = await OrganizationSetup.CreateAsync(moto.Endpoint);
        await org.Management.CreateCompliantTrailAsync("org-trail", "us-east-1", isOrganization: true);
        var member = await org.AddMemberAsync("delta");
        await using var proxy = new AssumeRoleDenyingProxy(moto.Endpoint);
        proxy.Deny(org.Management.AccountId);
        await using var worker = await WorkerHost.StartAsync(
            proxy.Endpoint, org.WorkerSettings(extra: new Dictionary<string, string?> { ["DriftWatch:Aws:EndpointUrl"] = proxy.Endpoint.ToString() }));

        var outcome = await worker.Services.GetRequiredService<EvaluationCoalescer>().RequestAsync(member.AccountId, null, null, CancellationToken.None);

        Assert.Equal(ComplianceStatus.Error, outcome.Status);
        var state = (await world.Records.GetAsync(member.AccountId, default))!;
        Assert.Contains(state.Verdict.Errors, e => e.Contains(org.Management.AccountId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSweepCoversEveryActiveAccountOfTheOrganizationAndSkipsAClosedOneSayingSo()
    {
        await using var world = await World.CleanAsync(moto);
        using var org = await OrganizationSetup.CreateAsync(moto.Endpoint);
        var active = await org.AddMemberAsync("active");
        var closed = await org.AddMemberAsync("closed");
        await org.Management.CloseAccountAsync(closed.AccountId);
        await using var worker = await WorkerHost.StartAsync(moto.Endpoint, org.WorkerSettings());

        var swept = await worker.Services.GetRequiredService<SweepService>().SweepOnceAsync(CancellationToken.None);

        Assert.Contains(active.AccountId, swept.Accounts);
        Assert.Contains(org.Management.AccountId, swept.Accounts);
        Assert.Contains(MotoAws.AccountId, swept.Accounts);
        Assert.DoesNotContain(closed.AccountId, swept.Accounts);
        Assert.Contains(worker.Logs.Lines, l => l.Contains($"Sweep skips account {closed.AccountId} (closed): it is SUSPENDED", StringComparison.Ordinal));
        await Eventually.MatchAsync(() => world.Records.GetAsync(active.AccountId, default), s => s is not null, Wait, "member evaluated");
    }

    private static async Task<WebhookReceiver.Delivery> OpenedForAsync(WebhookReceiver webhook, string accountId)
    {
        var seen = await Eventually.MatchAsync(
            () => Task.FromResult(webhook.Seen),
            s => s.Any(d => d.Type == "incident.opened" && (string?)d.Json["account"] == accountId),
            Wait,
            $"incident.opened for {accountId}");
        return seen.First(d => d.Type == "incident.opened" && (string?)d.Json["account"] == accountId);
    }

    // A drop made while a worker's start-up sweep still runs would be found by the sweep rather than by the event.
    private static Task StartupSweepDoneAsync(WorkerHost worker) =>
        Eventually.MatchAsync(
            () => Task.FromResult(worker.Logs.Lines),
            lines => lines.Any(l => l.Contains("Swept ", StringComparison.Ordinal)),
            Wait,
            "start-up sweep");

    private static Task<IReadOnlyList<Transition>> FirstSeenPassAsync(World world, string accountId) =>
        Eventually.MatchAsync(
            () => world.Records.ListTransitionsAsync(accountId, null, default),
            t => t.Count == 1 && t[0].To == ComplianceStatus.Pass,
            Wait,
            $"first-seen pass of {accountId}");
}
