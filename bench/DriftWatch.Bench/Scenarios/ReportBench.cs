using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using DriftWatch.Bench.Harness;
using DriftWatch.Cli.Report;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Core.Reporting;
using DriftWatch.Records;
using DriftWatch.Testing;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 7. `driftwatch report` at scale. Render: a year of generated transitions for 1,000 accounts through Core's
/// timeline (fed one transition at a time, as the reader does) and each format written to a file, in process.
/// Read: a smaller history seeded into the deployed transitions table on moto, read back by a real `driftwatch report`
/// process (paged queries per account), its JSON checked against what was seeded.
/// </summary>
public static class ReportBench
{
    private const string S = "7 report";
    private static readonly DateTimeOffset Until = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Since = Until.AddDays(-365);

    public static async Task RunAsync(BenchCloud cloud, Harness.Report report, string? cli, bool quick)
    {
        Render(report, accounts: 1000);
        await ReadAsync(cloud, report, cli, accounts: quick ? 20 : 100, days: quick ? 30 : 90);
    }

    private static void Render(Harness.Report report, int accounts)
    {
        var window = new ReportWindow(Since, Until);
        var clock = Stopwatch.StartNew();
        var transitions = 0;
        var coverage = new List<AccountCoverage>(accounts);
        for (var i = 0; i < accounts; i++)
        {
            var account = AccountId(i);
            var timeline = new CoverageTimeline(account, window, Until, YearOfDrift.Before(account, Since));
            foreach (var transition in YearOfDrift.Of(account, i, Since, Until))
            {
                timeline.Add(transition);
                transitions++;
            }

            coverage.Add(timeline.Finish(ComplianceStatus.Pass, []));
        }

        var built = new CoverageReport(Until, window, coverage);
        var gaps = coverage.Sum(a => a.Gaps.Count);
        report.Info(S, $"coverage of {accounts:N0} accounts over a year ({transitions:N0} transitions, {gaps:N0} gaps)", $"{clock.Elapsed.TotalSeconds:0.00} s");
        var directory = Directory.CreateTempSubdirectory("driftwatch-bench-report-");
        try
        {
            foreach (var format in Enum.GetValues<ReportFormat>())
            {
                var path = Path.Combine(directory.FullName, $"report.{format.ToString().ToLowerInvariant()}");
                clock.Restart();
                using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
                {
                    ReportWriter.Write(built, format, writer, toTerminal: false);
                }

                var seconds = clock.Elapsed.TotalSeconds;
                var size = new FileInfo(path).Length / 1024.0 / 1024.0;
                report.Target(S, $"render {format.ToString().ToLowerInvariant()}, 1,000 accounts x 1 year", $"{seconds:0.00} s, {size:0.0} MB", "<= 10 s", seconds <= 10);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task ReadAsync(BenchCloud cloud, Harness.Report report, string? cli, int accounts, int days)
    {
        await cloud.ClearRecordsAsync();
        var tables = new StorageOptions();
        var since = Until.AddDays(-days);
        var seeded = 0;
        var expectedGaps = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < accounts; i++)
        {
            var account = AccountId(i);
            var before = YearOfDrift.Before(account, since);
            var history = YearOfDrift.Of(account, i, since, Until).ToList();
            expectedGaps += CoverageTimeline.Of(account, new ReportWindow(since, Until), Until, before, history, ComplianceStatus.Pass, []).Gaps.Count;
            var items = history.Prepend(before).Select(DynamoItems.Transition).ToList();
            seeded += items.Count;
            foreach (var batch in items.Chunk(25))
            {
                await cloud.Dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
                {
                    RequestItems = new() { [tables.TransitionsTable] = batch.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList() },
                });
            }

            var last = history.Count > 0 ? history[^1] : before;
            await cloud.Dynamo.PutItemAsync(tables.StateTable, DynamoItems.State(new AccountState(account, last.Version, last.After, last.DetectedAt, last.DetectedAt, AccountState.NoIncidents, null, false)));
        }

        report.Info(S, $"moto: {accounts} accounts x {days} days seeded ({seeded:N0} transitions)", $"{clock.Elapsed.TotalSeconds:0.0} s (BatchWriteItem)");
        var (file, prefix) = cli is not null && File.Exists(cli) ? (cli, Array.Empty<string>()) : ("dotnet", [Path.Combine(AppContext.BaseDirectory, "driftwatch.dll")]);
        clock.Restart();
        var (code, stdout, stderr) = await RunAsync(file, [.. prefix, "report", "--output", "json", "--since", since.ToString("O"), "--until", Until.ToString("O")], cloud.Endpoint);
        var seconds = clock.Elapsed.TotalSeconds;
        var read = 0;
        var readGaps = 0;
        if (code == 0)
        {
            using var json = JsonDocument.Parse(stdout);
            var rows = json.RootElement.GetProperty("accounts").EnumerateArray().ToList();
            read = rows.Count;
            readGaps = rows.Sum(a => a.GetProperty("gaps").GetArrayLength());
        }

        var agrees = code == 0 && read == accounts && readGaps == expectedGaps;
        report.Info(S, "moto: driftwatch report --output json, one process (paged Query per account)", code == 0 ? $"{seconds:0.0} s, {seeded / seconds:N0} transitions/s" : $"exit {code}: {stderr.Trim()}");
        report.Target(S, "moto: accounts and gaps read back as seeded", $"{read}/{accounts} accounts, {readGaps}/{expectedGaps} gaps", "all", agrees);
        report.Note("Section 7: the read figure measures moto: its DynamoDB Query costs ~0.2 s a call on a table of ~10,000 items "
            + "(200 queries of the report's shape take ~40 s inside moto itself, without HTTP), while the in-process figures run "
            + "40 times as many transitions through the same timeline in under 2 s.");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, string[] args, Uri endpoint)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_REGION"] = StackDeployment.CentralRegion;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string AccountId(int i) => (400000000000L + i).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A plausible busy year, the same every run: an account passes for 12 to 60 h, then fails (four times in five) or
    /// cannot be evaluated for 5 min to 6 h, and passes again: about 450 transitions a year. Every fail is a
    /// StopLogging by a named caller, every return a StartLogging or a sweep.
    /// </summary>
    private static class YearOfDrift
    {
        public static Transition Before(string account, DateTimeOffset since) =>
            Make(account, 1, null, ComplianceStatus.Pass, since.AddDays(-1), EvaluationCause.Sweep);

        public static IEnumerable<Transition> Of(string account, int seed, DateTimeOffset since, DateTimeOffset until)
        {
            var random = new Random(seed);
            var at = since;
            var version = 2L;
            while (true)
            {
                at = at.AddMinutes(random.Next(12 * 60, 60 * 60));
                var down = random.Next(5) < 4 ? ComplianceStatus.Fail : ComplianceStatus.Error;
                var back = at.AddMinutes(random.Next(5, 6 * 60));
                if (back >= until)
                {
                    yield break;
                }

                var actor = $"arn:aws:iam::{account}:user/operator-{random.Next(20)}";
                yield return Make(account, version++, ComplianceStatus.Pass, down, at, down == ComplianceStatus.Fail ? Call("StopLogging", at, account, actor) : EvaluationCause.Sweep);
                yield return Make(account, version++, down, ComplianceStatus.Pass, back, random.Next(3) == 0 ? EvaluationCause.Sweep : Call("StartLogging", back, account, actor));
                at = back;
            }
        }

        private static EvaluationCause Call(string name, DateTimeOffset at, string account, string actor) =>
            EvaluationCause.FromEvents([new TriggerEvent(name, $"{account}-{at.ToUnixTimeSeconds()}", at.AddSeconds(-2), "eu-west-1", account, actor, "IAMUser", "198.51.100.23", "aws-cli/2.15 Python/3.11", "org-audit")]);

        private static Transition Make(string account, long version, ComplianceStatus? from, ComplianceStatus to, DateTimeOffset at, EvaluationCause cause) =>
            new(account, version, from, to, at, cause, null, new VerdictSummary(
                to,
                [],
                to == ComplianceStatus.Fail ? ["no multi-region trail is logging read and write management events", "org-audit: logging is stopped"] : [],
                [],
                to == ComplianceStatus.Error ? ["DescribeTrails * in us-east-1: ThrottlingException: Rate exceeded"] : [],
                null));
    }
}
