using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DriftWatch.Aws.Http;

/// <summary>
/// The resilience pipeline every AWS call runs through, outermost first: the call's total timeout; retries of
/// throttling, 429, 5xx, attempt timeouts and connection failures, with exponential backoff and jitter; the request
/// gate (rate limit) each attempt passes; the attempt's own timeout. Caller cancellation is never retried.
/// </summary>
internal static partial class AwsCallPipeline
{
    /// <summary>Its name in the container's pipeline registry.</summary>
    public const string Name = "DriftWatch.Aws";

    /// <summary>What a call's attempts wait on before they start, when the caller has a gate.</summary>
    public static readonly ResiliencePropertyKey<Func<CancellationToken, ValueTask>> Gate = new("DriftWatch.Aws.Gate");

    /// <summary>The failure of the last attempt that was retried: what the caller hears when the total time runs out.</summary>
    public static readonly ResiliencePropertyKey<Exception> LastFailure = new("DriftWatch.Aws.LastFailure");

    /// <summary>Set when the call as a whole ran out of time (rather than its last attempt).</summary>
    public static readonly ResiliencePropertyKey<bool> OutOfTime = new("DriftWatch.Aws.OutOfTime");

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
    };

    /// <summary>Adds the strategies to a builder, which carries the container's TimeProvider; retries are logged at Debug.</summary>
    public static ResiliencePipelineBuilder Configure(ResiliencePipelineBuilder builder, AwsClientOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "Total",
            Timeout = options.TotalTimeout,
            OnTimeout = args =>
            {
                args.Context.Properties.Set(OutOfTime, true);
                return default;
            },
        });
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } failure && IsRetryable(failure)),
                OnRetry = args =>
                {
                    args.Context.Properties.Set(LastFailure, args.Outcome.Exception!);
                    LogRetry(logger, args.Context.OperationKey ?? "AWS call", Describe(args.Outcome.Exception), args.AttemptNumber + 2, options.MaxAttempts, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder
            .AddStrategy(_ => new RequestGateStrategy())
            .AddTimeout(new TimeoutStrategyOptions { Name = "Attempt", Timeout = options.AttemptTimeout });
    }

    // The code and status, never the message: a reply's text is AWS's (or an emulator's HTML), not ours to log raw.
    private static string Describe(Exception? failure) => failure switch
    {
        AwsServiceException aws => $"{aws.ErrorCode} ({(int)aws.StatusCode})",
        null => "nothing",
        _ => failure.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying {Operation} after {Failure}: attempt {Attempt} of {MaxAttempts} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string operation, string failure, int attempt, int maxAttempts, TimeSpan delay);

    /// <summary>True for a failure another attempt may not meet: throttled, the service's fault, or no answer.</summary>
    public static bool IsRetryable(Exception failure) => failure switch
    {
        AwsServiceException aws => ThrottlingCodes.Contains(aws.ErrorCode)
            || aws.StatusCode == HttpStatusCode.TooManyRequests
            || (int)aws.StatusCode >= 500,
        HttpRequestException or TimeoutRejectedException => true,
        _ => false,
    };
}
