using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
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
    [InlineData("DriftWatch:Evaluation:ConfirmAfter:0", "00:00:00", "ConfirmAfter")]
    [InlineData("DriftWatch:Evaluation:ConfirmAfter:0", "00:16:00", "ConfirmAfter")]
    [InlineData("DriftWatch:Heartbeat:Interval", "00:00:00", "Interval")]
    [InlineData("DriftWatch:Heartbeat:Timeout", "00:05:00", "Timeout")]
    [InlineData("DriftWatch:Heartbeat:Timeout", "00:01:00", "Timeout")]
    [InlineData("DriftWatch:Heartbeat:Concurrency", "0", "Concurrency")]
    [InlineData("DriftWatch:Regions:0", "EU-WEST-1", "Regions")]
    [InlineData("DriftWatch:Regions:1", "eu west 1", "Regions")]
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

    [Fact]
    public async Task ConfirmationDelaysThatDoNotIncreaseStopTheHostNamingThem()
    {
        await using var host = WorkerHost.Build(NoAws, new Dictionary<string, string?>
        {
            ["DriftWatch:Evaluation:ConfirmAfter:0"] = "00:00:30",
            ["DriftWatch:Evaluation:ConfirmAfter:1"] = "00:00:05",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains("ConfirmAfter", failure.Message, StringComparison.Ordinal);
        Assert.Contains("increase", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, new[] { 5, 30 })]
    [InlineData("", new int[0])]
    public async Task ConfirmationDelaysDefaultToFiveAndThirtySecondsAndAnEmptyValueTurnsThemOff(string? value, int[] seconds)
    {
        var settings = new Dictionary<string, string?>();
        if (value is not null)
        {
            settings["DriftWatch:Evaluation:ConfirmAfter"] = value;
        }

        await using var host = WorkerHost.Build(NoAws, settings);
        var options = host.Services.GetRequiredService<IOptions<DriftWatch.Worker.Options.EvaluationOptions>>().Value;

        Assert.Equal(seconds.Select(s => TimeSpan.FromSeconds(s)), options.ConfirmationDelays);
    }
}
