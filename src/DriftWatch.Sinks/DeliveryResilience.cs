using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DriftWatch.Sinks;

/// <summary>
/// The attempts of every HTTP sink (webhook, Slack, PagerDuty), as its named HttpClient's resilience handler: up to
/// the sink's Attempts tries, each cut off after its Timeout, waiting 200 ms, 400 ms, 800 ms… in between, or as long
/// as the receiver's Retry-After asks; no wait is longer than 30 s. 408, 429 and 5xx answers, a refused or dropped
/// connection and a timed-out attempt are tried again, as Slack and PagerDuty advise; any other answer is final: a
/// 2xx is taken, another 4xx (a revoked webhook, a wrong routing key) is a configuration error no retry fixes. The
/// waits run on the host's TimeProvider; what is left after the attempts is a refusal, and the outbox's to retry.
/// </summary>
public static class DeliveryResilience
{
    /// <summary>The wait before the second attempt; it doubles before each further one.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts, a Retry-After included: a delivery never holds its notice for long.</summary>
    public static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    private static readonly HttpRequestOptionsKey<string> NoticeIdKey = new("DriftWatch.NoticeId");

    /// <summary>Adds the pipeline to a sink's HttpClient; attempts and timeout come from the sink's options.</summary>
    /// <param name="client">The sink's named client.</param>
    /// <param name="sink">The sink's name, for the retry log line.</param>
    /// <param name="settings">The sink's DriftWatch:Incidents:…:Attempts and …:Timeout.</param>
    public static IHttpClientBuilder AddDeliveryResilience(
        this IHttpClientBuilder client, string sink, Func<IServiceProvider, (int Attempts, TimeSpan Timeout)> settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        // The per-attempt timeout bounds each try; HttpClient's own 100 s would cut the whole series short.
        client.ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler(client.Name + "-delivery", (pipeline, context) =>
        {
            var (attempts, timeout) = settings(context.ServiceProvider);
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeliveryResilience));
            if (attempts > 1)
            {
                pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = attempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = FirstDelay,
                    MaxDelay = LongestDelay,
                    UseJitter = false,
                    ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                    OnRetry = args =>
                    {
                        logger.LogWarning(
                            "{Sink} delivery of {NoticeId} failed ({Failure}); retrying in {DelayMs} ms",
                            sink,
                            NoticeId(args.Context),
                            args.Outcome.Exception is { } e ? Describe(e) : $"HTTP {(int)args.Outcome.Result!.StatusCode}",
                            (int)args.RetryDelay.TotalMilliseconds);
                        return ValueTask.CompletedTask;
                    },
                });
            }

            pipeline.AddTimeout(timeout);
        });
        return client;
    }

    /// <summary>Marks a request with the notice it carries ("type/incidentId"), for the retry log line.</summary>
    public static void Carries(this HttpRequestMessage request, string noticeId)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(NoticeIdKey, noticeId);
    }

    /// <summary>408, 429, 5xx, a refused or dropped connection, or an attempt that timed out.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode is 408 or 429 or >= 500,
        _ => false,
    };

    /// <summary>Why an attempt got no answer, in words that hold no URL: the connection failure's kind, or "timed out".</summary>
    public static string Describe(Exception exception) => exception switch
    {
        HttpRequestException http => $"could not connect ({http.HttpRequestError})",
        TimeoutRejectedException or OperationCanceledException => "timed out",
        _ => exception.GetType().Name,
    };

    /// <summary>The receiver's Retry-After (seconds or a date), at most <see cref="LongestDelay"/>; null leaves the backoff's wait.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        var advice = response?.Headers.RetryAfter;
        var wait = advice?.Delta ?? (advice?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, LongestDelay.Ticks)) : null;
    }

    private static string? NoticeId(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(NoticeIdKey, out var id) ? id : null;
}
