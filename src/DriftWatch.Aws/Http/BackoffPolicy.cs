using System.Net;

namespace DriftWatch.Aws.Http;

/// <summary>Which failures are worth another attempt, and how long to wait before it (exponential, full jitter).</summary>
internal sealed class BackoffPolicy(AwsClientOptions options, Func<double>? random = null)
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
    };

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public int MaxAttempts => options.MaxAttempts;

    public TimeSpan AttemptTimeout => options.AttemptTimeout;

    public TimeSpan TotalTimeout => options.TotalTimeout;

    public static bool IsRetryable(AwsServiceException exception) =>
        ThrottlingCodes.Contains(exception.ErrorCode)
        || exception.StatusCode == HttpStatusCode.TooManyRequests
        || (int)exception.StatusCode >= 500;

    /// <summary>Full jitter: a uniform wait in [0, min(MaxDelay, BaseDelay × 2^(attempt-1))], attempt counting from 1.</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        var exponent = Math.Min(nextAttempt - 2, 30);
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * _random());
    }
}
