using System.Net;
using System.Threading.Channels;
using DriftWatch.Core.Evaluation;
using DriftWatch.Core.Monitoring;
using DriftWatch.Sinks;
using DriftWatch.Worker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriftWatch.Worker.Tests.Sinks;

/// <summary>
/// The webhook sink as AddDriftWatchSinks registers it (its HttpClient's resilience handler included), on a fake clock
/// and a scripted HTTP endpoint: exactly when it tries again, when it cuts an attempt off, and what it reports.
/// </summary>
public sealed class WebhookIncidentSinkTests : IAsyncDisposable
{
    private const string Url = "http://hooks.example/soc/token-abc123";

    private static readonly IncidentNotice Notice = new(
        IncidentNotice.Opened, "111111111111-00000008", "111111111111", ComplianceStatus.Fail, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        new NoticeCause("event", "StopLogging", "e1", null, "eu-west-1", "arn:aws:iam::111111111111:user/mallory", "203.0.113.7", "aws-cli/2"),
        [], ["org-audit: logging is stopped"], ["aws cloudtrail start-logging --name org-audit --region eu-west-1"]);

    private readonly TimerWatchingClock _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ScriptedEndpoint _endpoint = new();
    private readonly ServiceProvider _services;

    public WebhookIncidentSinkTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriftWatch:Incidents:Webhook:Url"] = Url,
            ["DriftWatch:Incidents:Webhook:Secret"] = "s3cret",
            ["DriftWatch:Incidents:Webhook:Attempts"] = "3",
            ["DriftWatch:Incidents:Webhook:Timeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddDriftWatchSinks(configuration);
        services.AddHttpClient(WebhookIncidentSink.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _endpoint);
        _services = services.BuildServiceProvider(validateScopes: true);
        _endpoint.Use(_clock);
    }

    private WebhookIncidentSink Sink => _services.GetServices<IIncidentSink>().OfType<WebhookIncidentSink>().Single();

    [Fact]
    public async Task TriesAgainAfter200Then400MillisecondsOnTheHostsClockUntilTheWebhookAccepts()
    {
        _endpoint.Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.NoContent);

        var delivery = Sink.DeliverAsync(Notice, CancellationToken.None);
        await _endpoint.CalledAsync(1);
        await _clock.TimerSetAsync(TimeSpan.FromMilliseconds(200));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        await _endpoint.CalledAsync(2);
        await _clock.TimerSetAsync(TimeSpan.FromMilliseconds(400));
        _clock.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal(SinkResult.Accepted, await delivery);
        Assert.Equal([0, 200, 600], _endpoint.Attempts.Select(a => (a.At - _endpoint.Attempts[0].At).TotalMilliseconds));
    }

    [Fact]
    public async Task SendsTheSameBodySignatureAndNoticeIdOnEveryAttempt()
    {
        _endpoint.Answer(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);

        var delivery = Sink.DeliverAsync(Notice, CancellationToken.None);
        await _clock.TimerSetAsync(TimeSpan.FromMilliseconds(200));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        await delivery;

        var (first, second) = (_endpoint.Attempts[0], _endpoint.Attempts[1]);
        Assert.Equal((first.Body, first.Signature, first.NoticeId), (second.Body, second.Signature, second.NoticeId));
        Assert.Equal("incident.opened/111111111111-00000008", first.NoticeId);
        Assert.StartsWith("sha256=", first.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CutsAnAttemptOffAfterTheTimeoutAndTriesAgain()
    {
        _endpoint.Answer(null, HttpStatusCode.NoContent);

        var delivery = Sink.DeliverAsync(Notice, CancellationToken.None);
        await _endpoint.CalledAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _clock.TimerSetAsync(TimeSpan.FromMilliseconds(200));
        _clock.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(SinkResult.Accepted, await delivery);
        Assert.Equal(2, _endpoint.Attempts.Count);
    }

    [Fact]
    public async Task RefusesAfterItsAttemptsNamingTheLastFailureButNeverTheUrl()
    {
        _endpoint.Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable);

        var delivery = Sink.DeliverAsync(Notice, CancellationToken.None);
        await _clock.TimerSetAsync(TimeSpan.FromMilliseconds(200));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        await _clock.TimerSetAsync(TimeSpan.FromMilliseconds(400));
        _clock.Advance(TimeSpan.FromMilliseconds(400));

        var result = await delivery;
        Assert.Equal("webhook refused incident.opened 111111111111-00000008 after 3 attempts: HTTP 503", result.Failure);
        Assert.Equal(3, _endpoint.Attempts.Count);
        Assert.DoesNotContain("token-abc123", result.Failure, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    /// <summary>An HTTP endpoint answering with a script; a null answer never comes (until the attempt is cut off).</summary>
    private sealed class ScriptedEndpoint : HttpMessageHandler
    {
        private readonly Queue<HttpStatusCode?> _answers = new();
        private readonly Channel<int> _calls = Channel.CreateUnbounded<int>();
        private readonly List<Attempt> _attempts = [];

        public IReadOnlyList<Attempt> Attempts
        {
            get
            {
                lock (_attempts)
                {
                    return _attempts.ToList();
                }
            }
        }

        private TimeProvider Clock { get; set; } = TimeProvider.System;

        public void Answer(params HttpStatusCode?[] answers)
        {
            foreach (var answer in answers)
            {
                _answers.Enqueue(answer);
            }
        }

        public async Task CalledAsync(int number)
        {
            using var timeout = new CancellationTokenSource(ControlledEvaluation.Patience);
            while (await _calls.Reader.ReadAsync(timeout.Token) < number)
            {
            }
        }

        public void Use(TimeProvider clock) => Clock = clock;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            int number;
            HttpStatusCode? answer;
            lock (_attempts)
            {
                _attempts.Add(new Attempt(
                    Clock.GetUtcNow(),
                    body,
                    request.Headers.TryGetValues(WebhookIncidentSink.SignatureHeader, out var signature) ? signature.Single() : null,
                    request.Headers.TryGetValues(WebhookIncidentSink.NoticeIdHeader, out var id) ? id.Single() : null));
                number = _attempts.Count;
                answer = _answers.Count > 0 ? _answers.Dequeue() : HttpStatusCode.NoContent;
            }

            _calls.Writer.TryWrite(number);
            if (answer is not { } status)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            }

            return new HttpResponseMessage(status) { RequestMessage = request };
        }
    }

    private sealed record Attempt(DateTimeOffset At, string Body, string? Signature, string? NoticeId);
}
