using System.Diagnostics;
using DriftWatch.Aws.EventBridge;
using DriftWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Campaign;

/// <summary>
/// The campaign, start to end: moto + templates, the fleet's real trails, two workers, rounds of real changes and
/// their events (with duplicates and poison), the faults at fixed points of progress, a silent final round only the
/// sweep can see, then the figures against moto's final state.
/// </summary>
public sealed class CampaignRun(CampaignSettings settings, TextWriter output)
{
    /// <summary>Secrets planted in the workers' configuration: none may ever appear in their logs.</summary>
    internal static readonly string[] PlantedSecrets = ["campaignAwsSecretKey0d1f9c", "campaign-url-token-5c2e77", "campaign-hmac-secret-91b7aa"];

    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(150);
    private readonly Random _random = new(settings.Seed);
    private readonly Record _record = new();

    /// <summary>Runs the campaign; 0 when every target is met.</summary>
    public async Task<int> RunAsync()
    {
        var wall = Stopwatch.StartNew();
        // Rounds stop at 70% of the deadline, whatever is left of the budget, so the end (sweep, drain, figures) always
        // runs; the hard limit only stops a campaign that hangs.
        using var deadline = new CancellationTokenSource(settings.Deadline + TimeSpan.FromMinutes(3));
        var ct = deadline.Token;
        if (Directory.Exists(settings.OutputFolder))
        {
            Directory.Delete(settings.OutputFolder, recursive: true);
        }

        Directory.CreateDirectory(settings.OutputFolder);
        Say($"campaign {settings.Scale}: {settings.Events} messages, {settings.Accounts} accounts, seed {settings.Seed}; logs in {settings.OutputFolder}");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");

        await using var moto = await MotoServer.StartAsync(ct);
        await StackDeployment.DeployAsync(moto.Endpoint, ct);
        Say($"moto at {moto.Endpoint}, templates deployed (central + {StackDeployment.Regions.Count} regions)");

        using var fleet = await Fleet.CreateAsync(moto.Endpoint, settings.Accounts, new Random(settings.Seed + 1));
        await using var proxy = new FaultProxy(moto.Endpoint, settings.Seed + 2);
        await using var webhook = new WebhookReceiver();
        using var queues = await Queues.OpenAsync(moto.Endpoint);
        await using var aws = AwsServices.ForMoto(moto.Endpoint);
        var eventBridge = aws.GetRequiredService<IEventBridgeClient>();

        // Round 0: every account gets its compliant trail before any worker runs (a worker's first sweep would
        // otherwise see an account with no trail yet and rightly call it failing).
        var created = new List<(Fleet.Member Member, IReadOnlyList<string> Calls)>();
        foreach (var member in fleet.Members)
        {
            created.Add((member, await member.CreateAsync()));
        }

        var crashFile = Path.Combine(settings.OutputFolder, "crash-after-next-incident-commit");
        var environment = WorkerEnvironment(proxy.Endpoint, webhook.Url);
        // worker-a and the final sweeper are the real `driftwatch watch` when it is built; worker-b is the same pipeline
        // host with a crash hook (it dies right after a commit), which the CLI rightly does not have.
        var cli = RealCli();
        Say(cli is null ? "driftwatch watch not built (src/DriftWatch.Cli, Release): every worker is the campaign host" : $"worker-a and the sweeper run {cli.FileName} {string.Join(' ', cli.Arguments)}");
        await using var first = new WorkerProcess("worker-a", environment, settings.OutputFolder, cli);
        await using var second = new WorkerProcess(
            "worker-b", new Dictionary<string, string>(environment) { ["DRIFTWATCH_CAMPAIGN_CRASH_FILE"] = crashFile }, settings.OutputFolder);
        WorkerProcess[] workers = [first, second];
        foreach (var worker in workers)
        {
            await worker.StartAsync();
            await worker.WaitForLineAsync("Listening on queue", TimeSpan.FromSeconds(60));
        }

        Say($"2 workers listening through the fault proxy at {proxy.Endpoint}");

        var distinctBudget = (int)Math.Round(settings.Events * (1 - settings.DuplicateShare - settings.MalformedShare));
        var duplicateRatio = settings.DuplicateShare / (1 - settings.DuplicateShare - settings.MalformedShare);
        var malformedRatio = settings.MalformedShare / (1 - settings.DuplicateShare - settings.MalformedShare);
        double duplicateCredit = 0, malformedCredit = 0;
        var faults = new Faults();

        for (var round = 0; _record.DistinctEvents < distinctBudget && !ct.IsCancellationRequested; round++)
        {
            if (wall.Elapsed > settings.Deadline * 0.75)
            {
                Say($"round {round}: 75% of the {settings.Deadline.TotalMinutes:0}-minute deadline used; stopping at {_record.DistinctEvents} events");
                break;
            }

            var progress = (double)_record.DistinctEvents / distinctBudget;
            proxy.ThrottleShare = progress is >= 0.15 and < 0.7 ? settings.ThrottleShare : 0;
            webhook.Accepting = progress is not (>= 0.5 and < 0.6);
            faults.WebhookWasDown |= !webhook.Accepting;
            if (!faults.CrashArmed && progress >= 0.35)
            {
                await File.WriteAllTextAsync(crashFile, "armed", ct);
                faults.CrashArmed = true;
                Say("armed: worker-b dies right after its next commit that opens or resolves an incident");
            }

            // The round's real changes, then their events.
            var changes = round == 0 ? created : await ToggleAsync(fleet, distinctBudget - _record.DistinctEvents);
            var batch = new List<QueueMessage>();
            var now = DateTimeOffset.UtcNow;
            foreach (var (member, calls) in changes)
            {
                foreach (var call in calls)
                {
                    batch.Add(Messages.Event(member, call, _random, _random.NextDouble() < settings.ViaEventBridgeShare, _random.NextDouble() < settings.HostileShare, now));
                }
            }

            var events = batch.Count;
            duplicateCredit += events * duplicateRatio;
            for (; duplicateCredit >= 1; duplicateCredit--)
            {
                var original = batch[_random.Next(events)];
                batch.Add(original with { Kind = MessageKind.Duplicate, ViaEventBridge = false });
            }

            malformedCredit += events * malformedRatio;
            for (; malformedCredit >= 1; malformedCredit--)
            {
                batch.Add(Messages.Malformed(_record.MalformedSent + batch.Count(m => m.Kind == MessageKind.Malformed), fleet.Members[_random.Next(fleet.Members.Count)]));
            }

            Shuffle(batch);
            await SendAsync(batch, queues, eventBridge, ct);

            if (!faults.Killed && progress >= 0.25)
            {
                await Task.Delay(400, ct);
                await first.KillAsync();
                Say($"round {round}: SIGKILL worker-a mid-round; restarting it");
                await first.StartAsync();
                faults.Killed = true;
            }

            if (!faults.Outage && progress >= 0.45)
            {
                await Task.Delay(300, ct);
                proxy.Down = true;
                Say($"round {round}: AWS (moto behind the proxy) unreachable for {settings.Outage.TotalSeconds:0} s");
                await Task.Delay(settings.Outage, ct);
                proxy.Down = false;
                faults.Outage = true;
            }

            await DrainAsync(queues, workers, round, ct);
            if (round % 10 == 0)
            {
                Say($"round {round}: {_record.DistinctEvents}/{distinctBudget} events, {wall.Elapsed.TotalSeconds:0} s");
            }
        }

        proxy.ThrottleShare = 0;
        webhook.Accepting = true;

        // Changes no event reports (EventBridge delivery is best-effort): only the sweep can find these.
        var silent = fleet.Members.OrderBy(_ => _random.Next()).Take(Math.Max(1, (int)Math.Round(settings.Accounts * settings.SilentShare))).ToList();
        foreach (var member in silent)
        {
            await member.ToggleAsync(_random);
        }

        _record.SilentChanges = silent.Count;
        var expired = await SweepLeases.ExpireAsync(moto.Endpoint, fleet, ct);
        Say($"{silent.Count} accounts changed with no event; {expired} sweep leases expired, as the interval passing would; final sweep");
        await using (var sweeper = new WorkerProcess("worker-sweep", environment, settings.OutputFolder, cli))
        {
            await sweeper.StartAsync();
            _record.FinalSweepRan = await sweeper.WaitForLineAsync("Swept ", TimeSpan.FromSeconds(120));
            await sweeper.StopAsync(TimeSpan.FromSeconds(20));
            _record.SweepLines = sweeper.Lines;
        }

        await DrainAsync(queues, workers, -1, ct);
        _record.OutboxEmpty = await Outbox.WaitUntilEmptyAsync(moto.Endpoint, TimeSpan.FromSeconds(90), ct);
        faults.CrashFired = !File.Exists(crashFile);
        foreach (var worker in workers)
        {
            await worker.StopAsync(TimeSpan.FromSeconds(30));
        }

        _record.Restarts = workers.Sum(w => w.Restarts);
        _record.WorkerKinds = $"worker-a: {first.Kind}; worker-b: {second.Kind}";
        _record.WorkerLines = workers.SelectMany(w => w.Lines).Concat(_record.SweepLines).ToList();
        _record.Throttled = proxy.Throttled;
        _record.CloudTrailCalls = proxy.CloudTrailCalls;
        _record.CutRequests = proxy.Cut;
        _record.Faults = faults;

        var figures = await Figures.ComputeAsync(moto.Endpoint, fleet, _record, queues, webhook, wall.Elapsed, ct);
        figures.Print(output, settings);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputFolder, "figures.txt"), figures.ToText(settings), CancellationToken.None);
        if (figures.Mismatches.Length > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(settings.OutputFolder, "mismatches.txt"), figures.Mismatches, CancellationToken.None);
            Say($"accounts whose record differs from what was done: {Path.Combine(settings.OutputFolder, "mismatches.txt")}");
        }

        return figures.TargetsMet ? 0 : 1;
    }

    private static ChildCommand? RealCli()
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var app = Path.Combine(RepositoryRoot.Path, "src", "DriftWatch.Cli", "bin", configuration, "net10.0", "driftwatch");
            if (File.Exists(app))
            {
                return new ChildCommand(app, ["watch"]);
            }
        }

        return null;
    }

    private static Dictionary<string, string> WorkerEnvironment(Uri proxy, Uri webhook) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = PlantedSecrets[0],
        ["AWS_REGION"] = "us-east-1",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["DriftWatch__Aws__EndpointUrl"] = proxy.ToString(),
        ["DriftWatch__Aws__Region"] = "us-east-1",
        ["DriftWatch__Aws__MaxAttempts"] = "3",
        ["DriftWatch__Queue__WaitTimeSeconds"] = "1",
        ["DriftWatch__Queue__VisibilityTimeoutSeconds"] = "15",
        ["DriftWatch__Queue__FirstRetryDelaySeconds"] = "2",
        ["DriftWatch__Queue__MaxRetryDelaySeconds"] = "15",
        ["DriftWatch__Sweep__Interval"] = "01:00:00",
        // The campaign's members have no forwarders (events are put on the central bus): heartbeats and forwarder
        // checks, tested on their own in ForwarderMonitoringTests, would only report every region as blind here.
        ["DriftWatch__Heartbeat__Enabled"] = "false",
        ["DriftWatch__Forwarder__Verify"] = "false",
        ["DriftWatch__Incidents__Webhook__Url"] = webhook + "?token=" + PlantedSecrets[1],
        ["DriftWatch__Incidents__Webhook__Secret"] = PlantedSecrets[2],
        ["DriftWatch__Incidents__Webhook__Attempts"] = "2",
        ["DriftWatch__Incidents__Webhook__Timeout"] = "00:00:03",
        ["DriftWatch__Incidents__Outbox__PollInterval"] = "00:00:01",
        ["DriftWatch__Incidents__Outbox__Grace"] = "00:00:05",
        ["DriftWatch__Incidents__Outbox__ClaimFor"] = "00:00:20",
        ["DriftWatch__Incidents__Outbox__FirstBackoff"] = "00:00:01",
        ["DriftWatch__Incidents__Outbox__MaxBackoff"] = "00:00:05",
    };

    private async Task<List<(Fleet.Member Member, IReadOnlyList<string> Calls)>> ToggleAsync(Fleet fleet, int budget)
    {
        // Every account changes once per round (in a seeded order); the last round stops at the budget.
        var changes = new List<(Fleet.Member, IReadOnlyList<string>)>();
        var planned = 0;
        var order = fleet.Members.OrderBy(_ => _random.Next()).ToList();
        var chosen = new List<(Fleet.Member Member, Random Random)>();
        foreach (var member in order)
        {
            // Each account draws from its own seeded generator, so the changes stay deterministic in parallel.
            if (planned >= budget)
            {
                break;
            }

            chosen.Add((member, new Random(_random.Next())));
            planned += member.Broken == Breakage.DeleteTrail ? 3 : 1;
        }

        var made = new IReadOnlyList<string>[chosen.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, chosen.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            made[i] = await chosen[i].Member.ToggleAsync(chosen[i].Random));
        changes.AddRange(chosen.Select((c, i) => (c.Member, made[i])));

        _record.Changes += changes.Count;
        return changes;
    }

    private async Task SendAsync(List<QueueMessage> batch, Queues queues, IEventBridgeClient eventBridge, CancellationToken ct)
    {
        foreach (var group in batch.Where(m => m.ViaEventBridge).GroupBy(m => m.Region!))
        {
            foreach (var chunk in group.Chunk(10))
            {
                var result = await eventBridge.PutEventsAsync(
                    group.Key, chunk.Select(m => new EventEntry("aws.cloudtrail", "AWS API Call via CloudTrail", m.Detail!)).ToList(), ct);
                if (result.FailedEntryCount > 0)
                {
                    throw new InvalidOperationException($"PutEvents refused {result.FailedEntryCount} entries");
                }
            }
        }

        var direct = batch.Where(m => !m.ViaEventBridge).ToList();
        var ids = await queues.SendAsync(direct.Select(m => m.Body).ToList(), ct);
        for (var i = 0; i < direct.Count; i++)
        {
            if (direct[i].Kind == MessageKind.Malformed)
            {
                _record.MalformedIds.Add(ids[i]);
            }
        }

        _record.Add(batch);
    }

    private async Task DrainAsync(Queues queues, WorkerProcess[] workers, int round, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var quiet = 0;
        while (quiet < 2)
        {
            foreach (var worker in workers.Where(w => !w.Running))
            {
                Say($"round {round}: {(worker == workers[1] ? "worker-b died right after a commit (injected)" : "a worker exited")}; restarting it");
                await worker.StartAsync();
            }

            if (watch.Elapsed > RoundTimeout)
            {
                _record.BarrierTimeouts++;
                Say($"round {round}: queue not drained after {RoundTimeout.TotalSeconds} s; moving on");
                return;
            }

            quiet = await queues.DepthAsync(ct) == 0 ? quiet + 1 : 0;
            await Task.Delay(200, ct);
        }
    }

    private void Shuffle(List<QueueMessage> batch)
    {
        for (var i = batch.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (batch[i], batch[j]) = (batch[j], batch[i]);
        }
    }

    private void Say(string line) => output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
