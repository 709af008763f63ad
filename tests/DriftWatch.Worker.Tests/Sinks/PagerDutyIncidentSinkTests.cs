using System.Net;
using DriftWatch.Sinks.PagerDuty;
using DriftWatch.Sinks.Soc;
using DriftWatch.Worker.Tests.Sinks.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>The PagerDuty sink against a receiver: PagerDuty's required fields, its retry advice, and a key never shown.</summary>
public sealed class PagerDutyIncidentSinkTests
{
    private const string Key = "R0UT1NGKEYabcdef0123456789ABCDEF";
    private static readonly Uri NoAws = new("http://127.0.0.1:9/");

    [Fact]
    public async Task TheOpenTriggersAndTheResolveResolvesTheSameAlertWithEveryRequiredField()
    {
        await using var pagerDuty = new WebhookReceiver("v2/enqueue");
        await using var host = Host(pagerDuty.Url);
        var sink = host.Sink<PagerDutyIncidentSink>();

        await sink.DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);
        await sink.DeliverAsync(Notices.Resolved("111122223333", "111122223333-00000002"), default);

        Assert.Equal(2, pagerDuty.Seen.Count);
        Assert.All(pagerDuty.Seen, d => Assert.Empty(PagerDutyContract.Problems(d.Json)));
        Assert.Equal(["trigger", "resolve"], pagerDuty.Seen.Select(d => (string?)d.Json["event_action"]));
        Assert.Equal(["111122223333-00000002", "111122223333-00000002"], pagerDuty.Seen.Select(d => (string?)d.Json["dedup_key"]));
        Assert.Equal("critical", (string?)pagerDuty.Seen[0].Json["payload"]!["severity"]);
    }

    [Fact]
    public async Task APagerDutyDownForAWhileGetsTheEventOnceItIsBack()
    {
        await using var pagerDuty = new WebhookReceiver("v2/enqueue") { Accepting = false };
        await using var host = Host(pagerDuty.Url, attempts: 2);
        var sink = host.Sink<PagerDutyIncidentSink>();
        var notice = Notices.Opened("111122223333", "111122223333-00000002");

        var down = await Assert.ThrowsAsync<SocDeliveryException>(() => sink.DeliverAsync(notice, default));
        pagerDuty.Accepting = true;
        await sink.DeliverAsync(notice, default);

        Assert.Contains("HTTP 503", down.Message, StringComparison.Ordinal);
        var delivered = Assert.Single(pagerDuty.Seen);
        Assert.Equal(notice.IncidentId, (string?)delivered.Json["dedup_key"]);
    }

    [Fact]
    public async Task ThrottlingAndServerErrorsAreRetriedAsPagerDutyAdvises()
    {
        var pagerDuty = new StubHandler((HttpStatusCode.TooManyRequests, ""), (HttpStatusCode.BadGateway, ""), (HttpStatusCode.Accepted, """{"status":"success"}"""));
        await using var host = Host(new Uri("https://events.pagerduty.invalid/v2/enqueue"), attempts: 4, handler: pagerDuty);

        await host.Sink<PagerDutyIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);

        Assert.Equal(3, pagerDuty.Calls);
    }

    [Fact]
    public async Task ABadRoutingKeyIsAConfigurationErrorLoggedWithoutTheKeyAndNotRetried()
    {
        var pagerDuty = new StubHandler((HttpStatusCode.BadRequest, $$"""{"status":"invalid event","message":"Event object is invalid","errors":["Unknown routing key {{Key}}"]}"""));
        await using var host = Host(new Uri("https://events.pagerduty.invalid/v2/enqueue"), attempts: 4, handler: pagerDuty);

        var failure = await Assert.ThrowsAsync<SocDeliveryException>(() => host.Sink<PagerDutyIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default));

        Assert.Equal(1, pagerDuty.Calls);
        var error = Assert.Single(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("configuration error", error, StringComparison.Ordinal);
        Assert.Contains("DriftWatch:Incidents:PagerDuty:RoutingKey", error, StringComparison.Ordinal);
        Assert.Contains("Unknown routing key [redacted]", error, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutARoutingKeyNothingIsSent()
    {
        var pagerDuty = new StubHandler((HttpStatusCode.Accepted, ""));
        await using var host = SinkHost.Start(NoAws, new Dictionary<string, string?>(), s => s.AddHttpClient(PagerDutyIncidentSink.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => pagerDuty));

        await host.Sink<PagerDutyIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);

        Assert.Equal(0, pagerDuty.Calls);
    }

    private static SinkHost Host(Uri url, int attempts = 1, StubHandler? handler = null) => SinkHost.Start(
        NoAws,
        new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:PagerDuty:RoutingKey"] = Key,
            ["DriftWatch:Incidents:PagerDuty:Url"] = url.ToString(),
            ["DriftWatch:Incidents:PagerDuty:Attempts"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        handler is null ? null : s => s.AddHttpClient(PagerDutyIncidentSink.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler));
}
