using System.ComponentModel.DataAnnotations;
using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Outbox;

/// <summary>How undelivered notices are retried from the incidents table (the outbox).</summary>
public sealed class OutboxOptions : IValidatableObject
{
    /// <summary>Configuration section (env: DriftWatch__Incidents__Outbox__PollInterval).</summary>
    public const string Section = "DriftWatch:Incidents:Outbox";

    /// <summary>How often a worker looks for notices still waiting.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a fresh notice is left to the worker that committed it before any worker retries it. Longer than the
    /// slowest sink's own attempts take (the sinks are tried at once), so a slow first delivery is not raced by a retry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a worker holds a notice it is delivering before another may take it (covers a crash).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait after the first failed retry; doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two retries of one notice.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxBackoff < FirstBackoff)
        {
            yield return new ValidationResult("DriftWatch:Incidents:Outbox:MaxBackoff must not be shorter than FirstBackoff", [nameof(MaxBackoff)]);
        }
    }

    /// <summary>The wait after <paramref name="failures"/> failed retries (at least one).</summary>
    public TimeSpan BackoffAfter(int failures) => RetrySchedule.Exponential(FirstBackoff, MaxBackoff, failures);
}
