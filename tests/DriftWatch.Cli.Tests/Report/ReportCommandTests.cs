using System.Globalization;
using System.Text.Json;
using DriftWatch.Cli.Report;
using DriftWatch.Cli.Tests.Support;
using DriftWatch.Testing;
using static DriftWatch.Cli.Tests.Report.TwoKnownGaps;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>
/// `driftwatch report` as a process against the deployed tables: two gaps of known length read back in every format,
/// the formats agreeing with each other and with `driftwatch history`.
/// </summary>
public sealed class ReportCommandTests(MotoFixture moto) : MotoTest(moto)
{
    private readonly MotoFixture _moto = moto;

    [Fact]
    public async Task ReadsTwoGapsOfKnownLengthBackInEveryFormatAndTheFormatsAgreeWithHistory()
    {
        var stack = await RecordAsync(_moto);

        var json = await RunAsync(stack, "json");
        var csv = await RunAsync(stack, "csv");
        var text = await RunAsync(stack, "text");
        var html = await RunAsync(stack, "html");
        var history = (await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["history", "--account", MotoAws.AccountId, "--output", "json"], stack.Settings)).Json();

        var document = json.Json();
        Assert.Equal(Since, Time(document, "since"));
        Assert.Equal(Until, Time(document, "until"));
        var accounts = document.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal([MotoAws.AccountId, SampleRecords.OtherAccount], accounts.Select(a => a.GetProperty("account").GetString()!));
        var ours = accounts.Single(a => a.GetProperty("account").GetString() == MotoAws.AccountId);
        var other = accounts.Single(a => a.GetProperty("account").GetString() == SampleRecords.OtherAccount);

        // The arithmetic: 8 h known, 2 h + 30 min failing.
        Assert.Equal("fail", ours.GetProperty("status").GetString()); // the DeleteTrail after the window: status now
        Assert.Equal(8 * 3600, ours.GetProperty("evaluatedSeconds").GetDouble());
        Assert.Equal(5.5 * 3600, ours.GetProperty("compliantSeconds").GetDouble());
        Assert.Equal(0, ours.GetProperty("errorSeconds").GetDouble());
        Assert.Equal(68.75, ours.GetProperty("coveragePercent").GetDouble());
        Assert.Equal(100, other.GetProperty("coveragePercent").GetDouble());
        Assert.Empty(other.GetProperty("gaps").EnumerateArray());

        var gaps = ours.GetProperty("gaps").EnumerateArray().ToList();
        Assert.Equal(2, gaps.Count);
        Assert.Equal([7200.0, 1800.0], gaps.Select(g => g.GetProperty("durationSeconds").GetDouble()));
        Assert.Equal([First.From, Second.From], gaps.Select(g => Time(g, "from")));
        Assert.Equal([First.To, Second.To], gaps.Select(g => Time(g, "to")));
        Assert.All(gaps, g => Assert.Equal("coverage", g.GetProperty("kind").GetString()));
        Assert.Equal(Mallory, gaps[0].GetProperty("cause").GetProperty("actor").GetString());
        Assert.Equal("198.51.100.4", gaps[0].GetProperty("cause").GetProperty("sourceIp").GetString());
        Assert.Equal("eu-west-1", gaps[0].GetProperty("cause").GetProperty("region").GetString());
        Assert.Equal(First.From.AddSeconds(-1), Time(gaps[0].GetProperty("cause"), "eventTime"));
        Assert.Equal("StartLogging", gaps[0].GetProperty("resolvedBy").GetProperty("eventName").GetString());
        Assert.Equal(Alice, gaps[0].GetProperty("resolvedBy").GetProperty("actor").GetString());
        Assert.Equal(HostileActor, gaps[1].GetProperty("cause").GetProperty("actor").GetString());
        Assert.Equal("sweep", gaps[1].GetProperty("resolvedBy").GetProperty("kind").GetString());
        Assert.Contains(gaps[0].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("logging", StringComparison.OrdinalIgnoreCase));

        var summary = document.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("accounts").GetInt32());
        Assert.Equal(1, summary.GetProperty("coveredWholeWindow").GetInt32());
        Assert.Equal(50, summary.GetProperty("coveredWholeWindowPercent").GetDouble());
        Assert.Equal(MotoAws.AccountId, summary.GetProperty("worstAccount").GetProperty("account").GetString());
        Assert.Equal(4500, summary.GetProperty("meanTimeToRestoreSeconds").GetDouble());

        // CSV: the same gaps, field for field.
        var rows = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ReportCsv.Header, rows[0]);
        Assert.Equal(3, rows.Length);
        var first = rows[1].Split(',');
        Assert.Equal([MotoAws.AccountId, "coverage", gaps[0].GetProperty("from").GetString()!, gaps[0].GetProperty("to").GetString()!, "7200", "StopLogging", Mallory, "198.51.100.4", "eu-west-1", "StartLogging"], first);
        Assert.StartsWith($"{MotoAws.AccountId},coverage,{gaps[1].GetProperty("from").GetString()},{gaps[1].GetProperty("to").GetString()},1800,StopLogging,\"'=HYPERLINK(", rows[2], StringComparison.Ordinal);
        Assert.EndsWith(",'-1+1,eu-west-1,sweep", rows[2], StringComparison.Ordinal);

        // History: each gap starts at a recorded fail and ends at the recorded pass after it, with the same causes.
        var transitions = history.EnumerateArray().Reverse().ToList();
        foreach (var gap in gaps)
        {
            var opened = transitions.Single(t => Time(t, "at") == Time(gap, "from"));
            var closed = transitions.Single(t => Time(t, "at") == Time(gap, "to"));
            Assert.Equal(("pass", "fail"), (opened.GetProperty("from").GetString(), opened.GetProperty("to").GetString()));
            Assert.Equal(("fail", "pass"), (closed.GetProperty("from").GetString(), closed.GetProperty("to").GetString()));
            Assert.Equal(gap.GetProperty("cause").GetProperty("actor").GetString(), opened.GetProperty("cause").GetProperty("events")[0].GetProperty("actor").GetString());
            Assert.Equal(gap.GetProperty("durationSeconds").GetDouble(), (Time(closed, "at") - Time(opened, "at")).TotalSeconds);
        }

        // Text and HTML: the same times, durations and coverage, and nothing hostile left live.
        foreach (var (name, output) in new[] { ("text", text.Stdout), ("html", html.Stdout) })
        {
            foreach (var gap in gaps)
            {
                Assert.True(output.Contains(ReportValues.ReadableTime(Time(gap, "from")), StringComparison.Ordinal), $"{name} lacks {gap.GetProperty("from")}");
                Assert.True(output.Contains(ReportValues.ReadableTime(Time(gap, "to")), StringComparison.Ordinal), $"{name} lacks {gap.GetProperty("to")}");
                Assert.True(output.Contains(ReportValues.Duration(TimeSpan.FromSeconds(gap.GetProperty("durationSeconds").GetDouble())), StringComparison.Ordinal), name);
            }

            Assert.Contains("68.75 %", output, StringComparison.Ordinal);
            Assert.Contains("1h 15m 00s", output, StringComparison.Ordinal); // the mean time to restore
            Assert.DoesNotContain('\u001b', output);
        }

        Assert.Contains(Mallory, text.Stdout, StringComparison.Ordinal);
        Assert.Contains("\\u001b[31m", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html.Stdout, StringComparison.Ordinal);
        Assert.Contains("ISO/IEC 27001:2022", html.Stdout, StringComparison.Ordinal);
        Assert.Contains("CloudTrail.1", html.Stdout, StringComparison.Ordinal);
        Assert.Contains(HtmlText.Of(ProductVersion.Current), html.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsTheDocumentedExceptionsInForceWithTheirRationale()
    {
        var stack = await RecordAsync(_moto);
        using var exceptions = new TempFile($"""
            [{MotoAws.AccountId}]
            regions = eu-west-1, eu-central-1
            rationale = Workloads are pinned to the EU by contract
            compensating-controls = SCP denies every other region
            owner = cloud-security@example.com
            expires = 2099-06-30
            """);

        var json = (await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["report", "--account", MotoAws.AccountId, "--exceptions", exceptions.Path, "--output", "json", .. WindowArguments], stack.Settings)).Json();
        var settings = new Dictionary<string, string>(stack.Settings) { ["DriftWatch__Evaluation__ExceptionsFile"] = exceptions.Path };
        var html = await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["report", "--output", "html", .. WindowArguments], settings);

        var account = Assert.Single(json.GetProperty("accounts").EnumerateArray());
        var exception = Assert.Single(account.GetProperty("exceptions").EnumerateArray());
        Assert.Equal(["eu-west-1", "eu-central-1"], exception.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Workloads are pinned to the EU by contract", exception.GetProperty("rationale").GetString());
        Assert.Equal("SCP denies every other region", exception.GetProperty("compensatingControls").GetString());
        Assert.Equal("cloud-security@example.com", exception.GetProperty("owner").GetString());
        Assert.Equal("2099-06-30", exception.GetProperty("expires").GetString());
        Assert.True(html.ExitCode == 0, html.ToString());
        Assert.Contains("Workloads are pinned to the EU by contract", html.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritesTheReportToTheOutFileAndOnlyThere()
    {
        var stack = await RecordAsync(_moto);
        var path = Path.Combine(Path.GetTempPath(), $"driftwatch-report-{Guid.NewGuid():N}.csv");
        try
        {
            var result = await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["report", "--output", "csv", "--out", path, .. WindowArguments], stack.Settings);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("", result.Stdout);
            Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
            Assert.Equal(3, File.ReadAllText(path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.False(File.Exists(path + ".partial"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RefusesAnAccountThatIsNotInTheRecordsWith64()
    {
        var stack = await RecordAsync(_moto);

        var result = await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["report", "--account", "999999999999", "--output", "json"], stack.Settings);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("999999999999 is not in DriftWatch's records", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task MissingTablesExit2WithTheReason()
    {
        var result = await Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["report"], new CentralStack(_moto).Settings);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("could not read DriftWatch's records", result.Stderr, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(CentralStack stack, string format) =>
        Checked(Driftwatch.RunAsync(_moto.Endpoint, CentralStack.Region, ["report", "--output", format, .. WindowArguments], stack.Settings));

    private static async Task<CliResult> Checked(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static DateTimeOffset Time(JsonElement element, string property) =>
        DateTimeOffset.Parse(element.GetProperty(property).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
