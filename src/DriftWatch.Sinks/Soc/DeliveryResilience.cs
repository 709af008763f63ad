using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace DriftWatch.Sinks.Soc;

/// <summary>
/// The retries of the HTTP sinks (Slack, PagerDuty), as both services advise: 429 and 5xx and network failures are
/// tried again with exponential backoff and jitter, honouring Retry-After; any other 4xx is final (a revoked webhook,
/// a wrong routing key: a configuration error no retry fixes). Each attempt has its own timeout.
/// </summary>
internal static class DeliveryResilience
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    /// <summary>Adds the retry and per-attempt timeout to a named client; attempts and timeout come from the sink's options.</summary>
    public static IHttpClientBuilder AddDeliveryResilience(this IHttpClientBuilder builder, Func<IServiceProvider, (int Attempts, TimeSpan Timeout)> settings)
    {
        builder.AddResilienceHandler(builder.Name + "-delivery", (pipeline, context) =>
        {
            var (attempts, timeout) = settings(context.ServiceProvider);
            if (attempts > 1)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = attempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = FirstDelay,
                    MaxDelay = LongestDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                });
            }

            pipeline.AddTimeout(timeout);
        });
        return builder;
    }

    /// <summary>429, 5xx, a refused or dropped connection, or an attempt that timed out.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode == 429 || (int)response.StatusCode >= 500,
        _ => false,
    };
}
