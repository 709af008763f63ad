using DriftWatch.Cli.Tests.Support;

namespace DriftWatch.Cli.Tests.Hosting;

/// <summary>
/// Every command starts up the same way: two bad settings exit 64 and name both keys as README documents them
/// (DriftWatch:Section:Key), one line each, without their values and before any AWS call.
/// </summary>
public sealed class CliHostTests
{
    // Nothing listens here: a command that reached AWS would fail differently (and slowly), not with 64.
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    public static TheoryData<string, string, string, string, string> TwoBadSettings => new()
    {
        { "check", "DriftWatch__Aws__MaxAttempts", "0", "DriftWatch__Accounts__CloudTrailRequestsPerSecond", "0" },
        { "watch", "DriftWatch__Accounts__CloudTrailRequestsPerSecond", "0", "DriftWatch__Incidents__Outbox__PollInterval", "00:00:00" },
        { "history", "DriftWatch__Storage__StateTable", "", "DriftWatch__Aws__TotalTimeout", "tok-8c1f2a" },
        { "incidents", "DriftWatch__Storage__IncidentsTable", "", "DriftWatch__Aws__Region", "tok-8c1f2a" },
    };

    [Theory]
    [MemberData(nameof(TwoBadSettings))]
    public async Task TwoBadSettingsExit64NamingBothKeysAsDocumented(string command, string first, string firstValue, string second, string secondValue)
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", [command], new Dictionary<string, string>
        {
            [first] = firstValue,
            [second] = secondValue,
        });

        Assert.True(result.ExitCode == 64, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"driftwatch: error: configuration: {Key(first)}: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"driftwatch: error: configuration: {Key(second)}: ", StringComparison.Ordinal));
        Assert.DoesNotContain("tok-8c1f2a", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task ABadLoggingSettingIsReportedTogetherWithTheOtherBadSettings()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["watch"], new Dictionary<string, string>
        {
            ["DriftWatch__Logging__Level"] = "Loud",
            ["DriftWatch__Queue__Concurrency"] = "0",
        });

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("configuration: DriftWatch:Logging:Level: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("configuration: DriftWatch:Queue:Concurrency: ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("history")]
    [InlineData("incidents")]
    [InlineData("watch")]
    public async Task NoRegionAnywhereCannotEvaluateAndSaysWhereToSetOne(string command)
    {
        var result = await Driftwatch.RunAsync(Nowhere, "", [command], new Dictionary<string, string>
        {
            ["AWS_REGION"] = "",
        });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("No AWS region: set DriftWatch:Aws:Region, AWS_REGION", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASerilogSectionStillRefinesTheLoggingOfAOneShotCommand()
    {
        var unreachable = new Dictionary<string, string> { ["DriftWatch__Aws__MaxAttempts"] = "1" };
        var refined = new Dictionary<string, string>(unreachable) { ["Serilog__MinimumLevel__Default"] = "Debug" };

        var plain = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["check"], unreachable);
        var debug = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["check"], refined);

        Assert.True(debug.ExitCode == 2, debug.ToString());
        Assert.Contains("sts:GetCallerIdentity failed in us-east-1", debug.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sts:GetCallerIdentity failed", plain.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASerilogLevelThatIsNotALevelExits64NamingItsKey()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["check"], new Dictionary<string, string>
        {
            ["Serilog__MinimumLevel__Override__Polly"] = "Loud-tok-8c1f2a",
        });

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("Serilog:MinimumLevel:Override:Polly: not a level", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-8c1f2a", result.Stderr, StringComparison.Ordinal);
    }

    private static string Key(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);
}
