using System.Diagnostics;
using DriftWatch.Bench.Harness;
using DriftWatch.Bench.Scenarios;
using DriftWatch.Worker.Sweep;

// bench/run.sh is the one command; see bench/README.md.
//   DriftWatch.Bench run [--quick] [--only latency,calls,burst,check,sweep,report,confirm,org,cost] [--cli PATH] [--micro DIR]
//                        [--org-accounts N] [--org-backlog N] [--org-env NAME=VALUE,...] [--burst-events N]
//   DriftWatch.Bench worker MOTO_URL WEBHOOK_URL|- [key=value ...]   (the burst's worker process when no --cli is given)
if (args.FirstOrDefault() == "worker")
{
    return await InProcessWorker.RunProcessAsync(args[1..]);
}

var quick = args.Contains("--quick");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var only = Option("--only")?.Split(',').ToHashSet() ?? ["latency", "calls", "burst", "check", "sweep", "report", "confirm", "org", "cost"];
var report = new Report();
var clock = Stopwatch.StartNew();
var loadBefore = Machine.Load();
report.Info("0 machine", "load before", loadBefore);

await using (var cloud = await BenchCloud.StartAsync())
{
    report.Info("0 machine", "infra/deploy.sh into moto (3 regions)", $"{cloud.DeployTime.TotalSeconds:0.0} s");
    var rolesLanded = RolesLanded.InTree();
    if (only.Contains("latency"))
    {
        await LatencyBench.RunAsync(cloud, report, quick ? 60 : 240);
    }

    if (only.Contains("calls"))
    {
        await ApiCallsBench.RunAsync(cloud, report, quick ? 5 : 20);
    }

    if (only.Contains("burst"))
    {
        var burst = int.TryParse(Option("--burst-events"), out var n) ? n : quick ? 1000 : 3000;
        await BurstBench.RunAsync(cloud, report, Option("--cli"), burst, quick ? [1] : [1, 2], TimeSpan.FromSeconds(quick ? 45 : 120));
        await BurstBench.FloorAsync(cloud, report, burst);
        report.Note(rolesLanded
            ? "Section 3: the 100 accounts are reached through per-account AssumeRole."
            : "Section 3: per-account AssumeRole was not in the tree: the 100 account ids all read moto's default account's trails; each is evaluated and persisted under its own id.");
    }

    if (only.Contains("check"))
    {
        await CheckBench.RunAsync(cloud, report, Option("--cli"), quick ? 3 : 10);
    }

    if (only.Contains("sweep"))
    {
        await SweepBench.RunAsync(cloud, report, rolesLanded);
    }

    if (only.Contains("report"))
    {
        await ReportBench.RunAsync(cloud, report, Option("--cli"), quick);
    }

    if (only.Contains("confirm"))
    {
        await ConfirmationBench.RunAsync(cloud, report, quick ? 2 : 5, quick ? 0 : 20);
    }

    if (only.Contains("org"))
    {
        var accounts = int.TryParse(Option("--org-accounts"), out var a) ? a : quick ? 100 : 1000;
        var backlog = int.TryParse(Option("--org-backlog"), out var b) ? b : quick ? 1000 : 10000;
        // The watch process runs as published (driftwatch-watch's runtimeconfig turns tiering off); --org-env adds
        // runtime knobs, such as DOTNET_GCgen0size, measured without a new publish.
        var workerEnvironment = new Dictionary<string, string>();
        foreach (var pair in (Option("--org-env") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)))
        {
            workerEnvironment[pair[0]] = pair.Length > 1 ? pair[1] : "";
        }

        report.Info("9 organization", "watch process environment (--org-env)", workerEnvironment.Count == 0 ? "as published" : string.Join(' ', workerEnvironment.Select(p => $"{p.Key}={p.Value}")));

        await OrganizationBench.RunAsync(cloud, report, Option("--cli"), accounts, backlog, TimeSpan.FromSeconds(quick ? 20 : 60), workerEnvironment);
    }

    if (only.Contains("cost"))
    {
        var interval = SweepCadence.Interval(SweepCadence.DefaultInterval, OrganizationBench.LastSweep ?? TimeSpan.FromSeconds(40));
        await CostBench.RunAsync(cloud, report, quick ? 5 : 20, quick ? 10 : 30, interval);
    }
}

MicroResults.AddTo(report, Option("--micro"));
report.Info("0 machine", "load after", Machine.Load());
report.Info("0 machine", "bench wall time", $"{clock.Elapsed.TotalSeconds:0} s{(quick ? " (--quick)" : "")}");
report.Note("Targets missed are reported as MISSED; the exit code is 0 whenever the bench itself ran.");
Console.WriteLine();
Console.WriteLine(report.Render($"DriftWatch bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, moto on loopback, {Environment.ProcessorCount} cores"));
return 0;
