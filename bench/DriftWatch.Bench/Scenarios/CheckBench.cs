using DriftWatch.Bench.Harness;
using DriftWatch.Testing;

namespace DriftWatch.Bench.Scenarios;

/// <summary>
/// 5. `driftwatch check` as published (a fresh process each run: cold start included) against the same trails as the
/// equivalent aws CLI v1 script (bench/aws-cli-check.sh); both must give the same verdict, passing and failing.
/// </summary>
public static class CheckBench
{
    public static async Task RunAsync(BenchCloud cloud, Report report, string? cli, int runs)
    {
        const string S = "5 check";
        if (cli is null || !File.Exists(cli))
        {
            report.Info(S, "driftwatch check", "skipped: no published CLI (bench/run.sh publishes it)");
            return;
        }

        var script = Path.Combine(RepositoryRoot.Path, "bench", "aws-cli-check.sh");
        await cloud.DeleteAllTrailsAsync();
        await cloud.CreateCompliantTrailAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var region = StackDeployment.CentralRegion;
        var endpoint = cloud.Endpoint.ToString().TrimEnd('/');

        var ours = new List<double>();
        var theirs = new List<double>();
        var agree = true;
        foreach (var logging in new[] { true, false })
        {
            if (!logging)
            {
                await cloud.Trails.StopLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
            }

            var n = logging ? runs : 1;
            for (var i = 0; i < n; i++)
            {
                var (dwCode, dwMs) = await TimeAsync(cli, ["check", "--region", region], endpoint);
                var (awsCode, awsMs) = await TimeAsync("bash", [script, region, endpoint], endpoint);
                agree &= dwCode == (logging ? 0 : 1) && awsCode == (logging ? 0 : 1);
                if (logging)
                {
                    ours.Add(dwMs);
                    theirs.Add(awsMs);
                }
            }
        }

        await cloud.Trails.StartLoggingAsync(BenchCloud.Trail, BenchCloud.HomeRegion);
        var phases = await PhasesAsync(cli, region, endpoint);
        var dw = Stats.Of(ours);
        var aws = Stats.Of(theirs);
        report.Info(S, $"driftwatch check, published, cold ({ours.Count} runs)", $"p50 {dw.P50:0} ms, max {dw.Max:0} ms (STS + 3 CloudTrail calls)");
        report.Info(S, $"aws CLI v1 script ({theirs.Count} runs)", $"p50 {aws.P50:0} ms, max {aws.Max:0} ms (4 aws processes, 3 calls)");
        report.Target(S, "same verdict (pass and fail)", agree ? "yes" : "NO", "same", agree);
        report.Target(S, "speed-up (aws p50 / driftwatch p50)", $"{aws.P50 / dw.P50:0.0}x", ">= 10x", aws.P50 / dw.P50 >= 10);
        foreach (var (phase, ms) in phases)
        {
            report.Info(S, $"  phase: {phase}", ms);
        }
    }

    /// <summary>One more run with DRIFTWATCH_TIMINGS=1 and --verbose: where a cold start spends its time.</summary>
    private static async Task<List<(string Phase, string Ms)>> PhasesAsync(string cli, string region, string endpoint)
    {
        var result = await ChildProcess.RunAsync(new ChildCommand(cli, ["check", "--region", region, "--verbose"]), new ChildProcessOptions
        {
            Environment = new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = endpoint,
                ["AWS_ACCESS_KEY_ID"] = "testing",
                ["AWS_SECRET_ACCESS_KEY"] = "testing",
                ["AWS_REGION"] = StackDeployment.CentralRegion,
                ["DRIFTWATCH_TIMINGS"] = "1",
            },
            Timeout = TimeSpan.FromSeconds(60),
        });
        var phases = new List<(string, string)>();
        foreach (var line in result.Stderr.Split('\n').Select(l => l.Trim()))
        {
            if (line.EndsWith(" ms", StringComparison.Ordinal) && line.LastIndexOf("  ", StringComparison.Ordinal) is > 0 and var cut)
            {
                phases.Add((line[..cut].Trim(), line[cut..].Trim()));
            }
            else if (line.StartsWith("driftwatch: account", StringComparison.Ordinal))
            {
                phases.Add(("  of which AWS (identity, trails)", line[(line.IndexOf("s in all", StringComparison.Ordinal) + 9)..].Trim('(', ')')));
            }
        }

        return phases;
    }

    private static async Task<(int Code, double Ms)> TimeAsync(string file, string[] args, string endpoint)
    {
        var result = await ChildProcess.RunAsync(new ChildCommand(file, args), new ChildProcessOptions
        {
            Environment = new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL"] = endpoint,
                ["AWS_ACCESS_KEY_ID"] = "testing",
                ["AWS_SECRET_ACCESS_KEY"] = "testing",
                ["AWS_REGION"] = StackDeployment.CentralRegion,
                ["AWS_DEFAULT_REGION"] = StackDeployment.CentralRegion,
            },
            Timeout = TimeSpan.FromSeconds(60),
        });
        return (result.ExitCode, result.Elapsed.TotalMilliseconds);
    }
}
