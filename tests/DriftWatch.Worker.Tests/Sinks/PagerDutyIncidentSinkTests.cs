using System.Net;
using DriftWatch.Sinks.PagerDuty;
using DriftWatch.Sinks;
using DriftWatch.Worker.Tests.Sinks.Support;
using DriftWatch.Worker.Tests.Support;
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

        Assert.Equal(SinkResult.Accepted, await sink.DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default));
        Assert.Equal(SinkResult.Accepted, await sink.DeliverAsync(Notices.Resolved("111122223333", "111122223333-00000002"), default));

        Assert.Equal(2, pagerDuty.Seen.Count);
        Assert.All(pagerDuty.Seen, d => Assert.Empty(PagerDutyContract.Problems(d.Json)));
        Assert.Equal(["trigger", "resolve"], pagerDuty.Seen.Select(d => (string?)d.Json["event_action"]));
        Assert.Equal(["111122223333-00000002", "111122223333-00000002"], pagerDuty.Seen.Select(d => (string?)d.Json["dedup_key"]));
        Assert.Equal("critical", (string?)pagerDuty.Seen[0].Json["payload"]!["severity"]);
    }

    [Fact]
    public async Task ADeniedAttemptGoesToTheChangeEventsEndpointAndTriggersNoAlert()
    {
        await using var alerts = new WebhookReceiver("v2/enqueue");
        await using var changes = new WebhookReceiver("v2/change/enqueue");
        await using var host = Host(alerts.Url, changeUrl: changes.Url);

        Assert.Equal(SinkResult.Accepted, await host.Sink<PagerDutyIncidentSink>().DeliverAsync(Notices.Denied("111122223333"), default));

        Assert.Empty(alerts.Seen);
        var change = Assert.Single(changes.Seen);
        Assert.Empty(PagerDutyContract.ChangeProblems(change.Json));
        Assert.Equal("attempt.denied", (string?)change.Json["payload"]!["custom_details"]!["type"]);
    }

    [Fact]
    public async Task APagerDutyDownForAWhileGetsTheEventOnceItIsBack()
    {
        await using var pagerDuty = new WebhookReceiver("v2/enqueue") { Accepting = false };
        await using var host = Host(pagerDuty.Url, attempts: 2);
        var sink = host.Sink<PagerDutyIncidentSink>();
        var notice = Notices.Opened("111122223333", "111122223333-00000002");

        var down = await sink.DeliverAsync(notice, default);
        pagerDuty.Accepting = true;
        var back = await sink.DeliverAsync(notice, default);

        Assert.False(down.Delivered);
        Assert.Contains("HTTP 503", down.Failure, StringComparison.Ordinal);
        Assert.Equal(SinkResult.Accepted, back);
        var delivered = Assert.Single(pagerDuty.Seen);
        Assert.Equal(notice.IncidentId, (string?)delivered.Json["dedup_key"]);
    }

    [Fact]
    public async Task ThrottlingAndServerErrorsAreRetriedAsPagerDutyAdvises()
    {
        var pagerDuty = new StubHandler((HttpStatusCode.TooManyRequests, ""), (HttpStatusCode.BadGateway, ""), (HttpStatusCode.Accepted, """{"status":"success"}"""));
        await using var host = Host(new Uri("https://events.pagerduty.invalid/v2/enqueue"), attempts: 4, handler: pagerDuty);

        var result = await host.Sink<PagerDutyIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);

        Assert.Equal(SinkResult.Accepted, result);
        Assert.Equal(3, pagerDuty.Calls);
    }

    [Fact]
    public async Task WaitsAsLongAsPagerDutysRetryAfterAsksButNeverLongerThanThirtySeconds()
    {
        var clock = new TimerWatchingClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var pagerDuty = new AdvisingHandler(clock, (HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3)), (HttpStatusCode.ServiceUnavailable, TimeSpan.FromMinutes(10)), (HttpStatusCode.Accepted, null));
        await using var host = SinkHost.Start(
            NoAws,
            new Dictionary<string, string?>
            {
                ["DriftWatch:Incidents:PagerDuty:RoutingKey"] = Key,
                ["DriftWatch:Incidents:PagerDuty:Url"] = "https://events.pagerduty.invalid/v2/enqueue",
                ["DriftWatch:Incidents:PagerDuty:Attempts"] = "3",
            },
            s => s.AddSingleton<TimeProvider>(clock).AddHttpClient(PagerDutyIncidentSink.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => pagerDuty));

        var delivery = host.Sink<PagerDutyIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);
        await clock.TimerSetAsync(TimeSpan.FromSeconds(3));
        clock.Advance(TimeSpan.FromSeconds(3));
        await clock.TimerSetAsync(DeliveryResilience.LongestDelay);
        clock.Advance(DeliveryResilience.LongestDelay);

        Assert.Equal(SinkResult.Accepted, await delivery);
        Assert.Equal([0, 3, 33], pagerDuty.CalledAt.Select(t => (t - pagerDuty.CalledAt[0]).TotalSeconds));
    }

    [Fact]
    public async Task ABadRoutingKeyIsAConfigurationErrorLoggedWithoutTheKeyAndNotRetried()
    {
        var pagerDuty = new StubHandler((HttpStatusCode.BadRequest, $$"""{"status":"invalid event","message":"Event object is invalid","errors":["Unknown routing key {{Key}}"]}"""));
        await using var host = Host(new Uri("https://events.pagerduty.invalid/v2/enqueue"), attempts: 4, handler: pagerDuty);

        var failure = await host.Sink<PagerDutyIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);

        Assert.False(failure.Delivered);
        Assert.Equal(1, pagerDuty.Calls);
        var error = Assert.Single(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("configuration error", error, StringComparison.Ordinal);
        Assert.Contains("DriftWatch:Incidents:PagerDuty:RoutingKey", error, StringComparison.Ordinal);
        Assert.Contains("Unknown routing key [redacted]", error, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, failure.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutARoutingKeyNothingIsSent()
    {
        var pagerDuty = new StubHandler((HttpStatusCode.Accepted, ""));
        await using var host = SinkHost.Start(NoAws, new Dictionary<string, string?>(), s => s.AddHttpClient(PagerDutyIncidentSink.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => pagerDuty));

        var sink = host.Sink<PagerDutyIncidentSink>();
        var result = await sink.DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);

        Assert.Equal((false, SinkResult.Accepted), (sink.Enabled, result));
        Assert.Equal(0, pagerDuty.Calls);
    }

    /// <summary>PagerDuty answering with a script, each answer with the Retry-After it advises; keeps when each call came.</summary>
    private sealed class AdvisingHandler(TimeProvider clock, params (HttpStatusCode Status, TimeSpan? RetryAfter)[] answers) : HttpMessageHandler
    {
        private readonly List<DateTimeOffset> _calledAt = [];

        public IReadOnlyList<DateTimeOffset> CalledAt
        {
            get
            {
                lock (_calledAt)
                {
                    return _calledAt.ToList();
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int call;
            lock (_calledAt)
            {
                _calledAt.Add(clock.GetUtcNow());
                call = _calledAt.Count - 1;
            }

            var (status, retryAfter) = answers[Math.Min(call, answers.Length - 1)];
            var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            }

            return Task.FromResult(response);
        }
    }

    private static SinkHost Host(Uri url, int attempts = 1, StubHandler? handler = null, Uri? changeUrl = null) => SinkHost.Start(
        NoAws,
        new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:PagerDuty:RoutingKey"] = Key,
            ["DriftWatch:Incidents:PagerDuty:Url"] = url.ToString(),
            ["DriftWatch:Incidents:PagerDuty:ChangeUrl"] = changeUrl?.ToString(),
            ["DriftWatch:Incidents:PagerDuty:Attempts"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        handler is null ? null : s => s.AddHttpClient(PagerDutyIncidentSink.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler));
}
