using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DriftWatch.Sinks;

/// <summary>
/// The webhook's attempts, as the named HttpClient's resilience handler: up to DriftWatch:Incidents:Webhook:Attempts
/// tries, each cut off after DriftWatch:Incidents:Webhook:Timeout, waiting 200 ms, 400 ms, 800 ms… in between. Any
/// answer but 2xx is tried again, as are connection failures and timeouts. The waits run on the host's TimeProvider.
/// </summary>
public static class WebhookResilience
{
    /// <summary>Name of the resilience pipeline on the webhook's HttpClient.</summary>
    public const string PipelineName = "driftwatch-webhook";

    /// <summary>The wait before the second attempt; it doubles before each further one.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Adds the pipeline to the webhook's HttpClient.</summary>
    public static IHttpClientBuilder AddWebhookResilience(this IHttpClientBuilder client)
    {
        // The per-attempt timeout bounds each try; HttpClient's own 100 s would cut the whole series short.
        client.ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler(PipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILogger<WebhookIncidentSink>>();
            if (options.Attempts > 1)
            {
                pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.Attempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = FirstDelay,
                    UseJitter = false,
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutRejectedException } => true,
                        { Result.IsSuccessStatusCode: false } => true,
                        _ => false,
                    }),
                    OnRetry = args =>
                    {
                        logger.LogWarning(
                            "Webhook delivery of {NoticeId} failed ({Failure}); retrying in {DelayMs} ms",
                            NoticeId(args.Context),
                            args.Outcome.Exception is { } e ? Describe(e) : $"HTTP {(int)args.Outcome.Result!.StatusCode}",
                            (int)args.RetryDelay.TotalMilliseconds);
                        return ValueTask.CompletedTask;
                    },
                });
            }

            pipeline.AddTimeout(options.Timeout);
        });
        return client;
    }

    /// <summary>A failure in words that hold no URL: the exception's kind, or "timed out".</summary>
    public static string Describe(Exception e) => e is TimeoutRejectedException or OperationCanceledException ? "timed out" : e.GetType().Name;

    private static string? NoticeId(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Headers.TryGetValues(WebhookIncidentSink.NoticeIdHeader, out var values)
            ? values.FirstOrDefault()
            : null;
}
