using System.Net;
using DriftWatch.Sinks.Slack;
using DriftWatch.Sinks;
using DriftWatch.Worker.Tests.Sinks.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>The Slack sink against a receiver: a message Slack accepts, retries as Slack advises, a URL never shown.</summary>
public sealed class SlackIncidentSinkTests
{
    private const string TokenPath = "services/T0DRIFT/B0WATCH/xoxSlackSecret42";
    private static readonly Uri NoAws = new("http://127.0.0.1:9/");

    [Fact]
    public async Task EveryNoticeReachesTheWebhookAsAMessageSlackAccepts()
    {
        await using var slack = new WebhookReceiver(TokenPath);
        await using var host = Host(slack.Url);
        var sink = host.Sink<SlackIncidentSink>();

        var results = new[]
        {
            await sink.DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002", Notices.HostileUserAgent), default),
            await sink.DeliverAsync(Notices.Resolved("111122223333", "111122223333-00000002"), default),
            await sink.DeliverAsync(Notices.Blind("111122223333"), default),
            await sink.DeliverAsync(Notices.Denied("111122223333"), default),
        };

        Assert.All(results, r => Assert.Equal(SinkResult.Accepted, r));
        Assert.Equal(4, slack.Seen.Count);
        Assert.All(slack.Seen, d => Assert.Empty(SlackContract.Problems(d.Json)));
        Assert.DoesNotContain(slack.Seen, d => d.Body.Contains("<!channel>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASlackDownForAWhileGetsTheMessageOnceItIsBack()
    {
        await using var slack = new WebhookReceiver(TokenPath) { Accepting = false };
        await using var host = Host(slack.Url, attempts: 2);
        var sink = host.Sink<SlackIncidentSink>();
        var notice = Notices.Opened("111122223333", "111122223333-00000002");

        var down = await sink.DeliverAsync(notice, default);
        slack.Accepting = true;
        var back = await sink.DeliverAsync(notice, default);

        Assert.False(down.Delivered);
        Assert.Contains("HTTP 503", down.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxSlackSecret42", down.Failure, StringComparison.Ordinal);
        Assert.Equal(SinkResult.Accepted, back);
        Assert.Single(slack.Seen);
    }

    [Fact]
    public async Task ARevokedWebhookIsLoggedAsAConfigurationErrorWithoutItsUrlAndNotRetried()
    {
        var slack = new StubHandler((HttpStatusCode.NotFound, "no_service"));
        await using var host = Host(new Uri("https://hooks.slack.invalid/" + TokenPath), attempts: 3, handler: slack);

        var failure = await host.Sink<SlackIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);

        Assert.False(failure.Delivered);
        Assert.Equal(1, slack.Calls);
        var error = Assert.Single(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("HTTP 404 (no_service)", error, StringComparison.Ordinal);
        Assert.Contains("DriftWatch:Incidents:Slack:WebhookUrl", error, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("xoxSlackSecret42", StringComparison.Ordinal) || l.Contains("hooks.slack.invalid", StringComparison.Ordinal));
        Assert.DoesNotContain("xoxSlackSecret42", failure.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARateLimitedPostIsRetried()
    {
        var slack = new StubHandler((HttpStatusCode.TooManyRequests, "rate_limited"), (HttpStatusCode.OK, "ok"));
        await using var host = Host(new Uri("https://hooks.slack.invalid/" + TokenPath), attempts: 3, handler: slack);

        var result = await host.Sink<SlackIncidentSink>().DeliverAsync(Notices.Opened("111122223333", "111122223333-00000002"), default);

        Assert.Equal(SinkResult.Accepted, result);
        Assert.Equal(2, slack.Calls);
        Assert.Contains(host.Logs.Lines, l => l.Contains("failed (HTTP 429); retrying in", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("hooks.slack.invalid", StringComparison.Ordinal) || l.Contains("xoxSlackSecret42", StringComparison.Ordinal));
    }

    private static SinkHost Host(Uri url, int attempts = 1, StubHandler? handler = null) => SinkHost.Start(
        NoAws,
        new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Slack:WebhookUrl"] = url.ToString(),
            ["DriftWatch:Incidents:Slack:Attempts"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        handler is null ? null : s => s.AddHttpClient(SlackIncidentSink.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler));
}
