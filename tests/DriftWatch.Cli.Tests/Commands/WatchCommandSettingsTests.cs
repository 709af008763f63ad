using DriftWatch.Cli.Tests.Support;

namespace DriftWatch.Cli.Tests.Commands;

/// <summary>`watch` refuses a bad setting before touching AWS: exit 64, the setting named, its value never echoed.</summary>
public sealed class WatchCommandSettingsTests
{
    // Nothing listens here: a test that reached AWS would fail differently (and slowly), not with 64.
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData("DriftWatch__Sweep__Interval", "00:00:00", "DriftWatch:Sweep:Interval")]
    [InlineData("DriftWatch__Queue__Concurrency", "0", "DriftWatch:Queue:Concurrency")]
    [InlineData("DriftWatch__Incidents__Webhook__Url", "ftp://tok-8c1f2a@soc.example/hook", "DriftWatch:Incidents:Webhook:Url")]
    [InlineData("DriftWatch__Incidents__Webhook__Timeout", "not-a-time-tok-8c1f2a", "DriftWatch:Incidents:Webhook:Timeout")]
    [InlineData("DriftWatch__Logging__Format", "xml-tok-8c1f2a", "DriftWatch:Logging:Format")]
    [InlineData("DriftWatch__Logging__Level", "Loud-tok-8c1f2a", "DriftWatch:Logging:Level")]
    [InlineData("DriftWatch__Evaluation__MinimumRetentionDays", "0", "DriftWatch:Evaluation:MinimumRetentionDays")]
    [InlineData("DriftWatch__Evaluation__MinimumRetentionDays", "a-year-tok-8c1f2a", "DriftWatch:Evaluation:MinimumRetentionDays")]
    [InlineData("DriftWatch__Evaluation__ConfirmAfter__0", "00:00:00", "DriftWatch:Evaluation:ConfirmAfter")]
    [InlineData("DriftWatch__Evaluation__ConfirmAfter__0", "soon-tok-8c1f2a", "DriftWatch:Evaluation:ConfirmAfter")]
    public async Task ABadSettingExits64NamingItWithoutItsValue(string variable, string value, string key)
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["watch"], new Dictionary<string, string> { [variable] = value });

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-8c1f2a", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBadSettingIsReportedAtOnce()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["watch"], new Dictionary<string, string>
        {
            ["DriftWatch__Sweep__Interval"] = "00:00:00",
            ["DriftWatch__Incidents__Webhook__Url"] = "not a url",
        });

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("DriftWatch:Sweep:Interval", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("DriftWatch:Incidents:Webhook:Url", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASettingOnTheCommandLineIsValidatedLikeOneFromTheEnvironment()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["watch", "--DriftWatch:Queue:WaitTimeSeconds=99"]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("DriftWatch:Queue:WaitTimeSeconds", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArgumentThatIsNotASettingExits64()
    {
        var result = await Driftwatch.RunAsync(Nowhere, "us-east-1", ["watch", "--verbose"]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("'--verbose'", result.Stderr, StringComparison.Ordinal);
    }
}
