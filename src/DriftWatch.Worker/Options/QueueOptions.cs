using System.ComponentModel.DataAnnotations;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Options;

/// <summary>The SQS edge: which queues, how many messages at once. Defaults meet infra/driftwatch-central.yaml's.</summary>
public sealed class QueueOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "DriftWatch:Queue";

    /// <summary>The queue the central rule delivers to.</summary>
    [Required]
    public string Name { get; set; } = "driftwatch-events";

    /// <summary>Where messages that are not CloudTrail events go, with the reason.</summary>
    [Required]
    public string DeadLetterName { get; set; } = "driftwatch-events-dlq";

    /// <summary>Messages evaluated at once by this process.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>Long-poll wait per ReceiveMessage call.</summary>
    [Range(0, 20)]
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>Visibility a message gets while it is being evaluated; extended while the evaluation runs.</summary>
    [Range(5, 43200)]
    public int VisibilityTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a message that could not be evaluated waits before its first retry; doubles with each receive.</summary>
    [Range(1, 900)]
    public int FirstRetryDelaySeconds { get; set; } = 5;

    /// <summary>The longest a failed message waits before it is tried again (backoff doubles up to this).</summary>
    [Range(1, 43200)]
    public int MaxRetryDelaySeconds { get; set; } = 300;

    /// <summary>How long a message that could not be handled waits before it returns, after its nth receive.</summary>
    public TimeSpan ReturnDelay(int receives) =>
        RetrySchedule.Exponential(TimeSpan.FromSeconds(FirstRetryDelaySeconds), TimeSpan.FromSeconds(MaxRetryDelaySeconds), receives);
}
