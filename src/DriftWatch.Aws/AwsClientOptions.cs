using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Aws;

/// <summary>How DriftWatch talks to AWS: region and endpoint overrides, and the retry budget of every call.</summary>
public sealed class AwsClientOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "DriftWatch:Aws";

    /// <summary>Default region; when unset the SDK chain decides (AWS_REGION, AWS_DEFAULT_REGION, profile).</summary>
    [RegionName]
    public string? Region { get; set; }

    /// <summary>
    /// One endpoint for every service (an emulator). Beats AWS_ENDPOINT_URL_* because an explicit setting is the
    /// caller's intent, while the environment may be shared with other tools.
    /// </summary>
    public Uri? EndpointUrl { get; set; }

    /// <summary>Attempts per call, the first included.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// Backoff base: the wait before attempt n grows as BaseDelay × 2^(n-2), with jitter so that many callers throttled
    /// at once do not come back at once, and never above MaxDelay.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of one backoff wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one HTTP attempt may take before it counts as a (retryable) timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one call may take over all its attempts and waits.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
