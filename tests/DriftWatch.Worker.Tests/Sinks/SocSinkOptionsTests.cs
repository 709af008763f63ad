using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.Options;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>A bad SOC sink setting stops the worker at start, naming the setting and never echoing a secret.</summary>
public sealed class SocSinkOptionsTests
{
    private static readonly Uri NoAws = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData("DriftWatch:Incidents:PagerDuty:RoutingKey", "short-secret-key-77")]
    [InlineData("DriftWatch:Incidents:Slack:WebhookUrl", "hooks.slack.com/services/T0/B0/secret-token-77")]
    [InlineData("DriftWatch:Incidents:PagerDuty:Url", "events.pagerduty.example/secret-77")]
    public async Task AMalformedSecretSettingIsNamedButNotEchoed(string key, string value)
    {
        await using var host = WorkerHost.Build(NoAws, new Dictionary<string, string?>
        {
            [key] = value,
            ["DriftWatch:Incidents:PagerDuty:RoutingKey"] = key.EndsWith("RoutingKey", StringComparison.Ordinal) ? value : "0123456789abcdef0123456789abcdef",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("77", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DriftWatch:Incidents:SecurityHub:Region", "mars-1")]
    [InlineData("DriftWatch:Incidents:EventBridge:Region", "EU")]
    [InlineData("DriftWatch:Incidents:EventBridge:BusName", "bus with spaces")]
    [InlineData("DriftWatch:Incidents:Slack:Attempts", "0")]
    [InlineData("DriftWatch:Incidents:PagerDuty:Timeout", "00:10:00")]
    public async Task ABadSettingStopsTheHostNamingIt(string key, string value)
    {
        await using var host = WorkerHost.Build(NoAws, new Dictionary<string, string?> { [key] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }
}
