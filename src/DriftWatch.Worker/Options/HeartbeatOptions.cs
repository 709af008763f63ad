using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Worker.Options;

/// <summary>
/// The heartbeat: an event DriftWatch puts on every watched region's default bus, which only the forwarder rule can
/// bring back. A region whose heartbeat stays away longer than the timeout is blind: a monitoring incident.
/// </summary>
public sealed class HeartbeatOptions : IValidatableObject
{
    /// <summary>Configuration section (env: DriftWatch__Heartbeat__Interval).</summary>
    public const string Section = "DriftWatch:Heartbeat";

    /// <summary>Sends heartbeats and opens incidents for overdue ones; false leaves only the forwarder check of the sweep.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between heartbeats per account and region (across all workers: one sends each round).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a region may stay unheard before it is blind; default 2 × Interval + 1 minute.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Accounts whose heartbeats are sent at once by one worker.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>The timeout in force: one lost heartbeat, and a late one, are no alarm.</summary>
    public TimeSpan EffectiveTimeout => Timeout ?? (2 * Interval) + TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Timeout is { } timeout && (timeout <= Interval || timeout > TimeSpan.FromDays(2)))
        {
            yield return new ValidationResult("Timeout must be longer than Interval (and at most 2.00:00:00)", [nameof(Timeout)]);
        }
    }
}
