using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Worker.Shutdown;

/// <summary>How long a stopping worker may take to finish what it holds (SIGTERM from ECS, systemd, Docker).</summary>
public sealed class ShutdownOptions
{
    /// <summary>Configuration section (env: DriftWatch__Shutdown__Timeout).</summary>
    public const string Section = "DriftWatch:Shutdown";

    /// <summary>The longest <see cref="Timeout"/> accepted: under Fargate's 120 s ceiling on stopTimeout, with room.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(110);

    /// <summary>
    /// From the signal to exit: in-flight evaluations and notices finish within it, what is still running then is
    /// handed back to the queue. The default is under the 30 s ECS and Kubernetes wait before SIGKILL, and above the
    /// 20 s a long poll in flight may still take.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:50")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Until when work in flight may run: the timeout less a moment to hand unfinished messages back (change their
    /// visibility) before the host stops waiting.
    /// </summary>
    public TimeSpan DrainFor => Timeout - TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, Timeout.Ticks / 5));
}
