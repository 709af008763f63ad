using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Tests.Options;

/// <summary>A bad setting stops the worker at start, naming the setting (and never echoing a secret value).</summary>
public sealed class OptionsValidationTests
{
    private static readonly Uri NoAws = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData("DriftWatch:Queue:Concurrency", "0", "Concurrency")]
    [InlineData("DriftWatch:Queue:WaitTimeSeconds", "60", "WaitTimeSeconds")]
    [InlineData("DriftWatch:Sweep:Interval", "00:00:00", "Interval")]
    [InlineData("DriftWatch:Storage:StateTable", "", "StateTable")]
    public async Task ABadSettingStopsTheHostNamingIt(string key, string value, string named)
    {
        await using var host = WorkerHost.Build(NoAws, new Dictionary<string, string?> { [key] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedWebhookUrlIsNamedButNotEchoed()
    {
        await using var host = WorkerHost.Build(NoAws, new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Webhook:Url"] = "hooks.example/token-abc123",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains("DriftWatch:Incidents:Webhook:Url", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-abc123", failure.Message, StringComparison.Ordinal);
    }
}
