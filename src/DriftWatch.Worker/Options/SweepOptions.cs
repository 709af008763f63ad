using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Worker.Options;

/// <summary>The periodic sweep that catches what events miss.</summary>
public sealed class SweepOptions
{
    /// <summary>Configuration section (env: DriftWatch__Sweep__Interval).</summary>
    public const string Section = "DriftWatch:Sweep";

    /// <summary>Time between sweeps; one also runs at start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Accounts always swept, besides those already in the state table and the worker's own.</summary>
    public List<string> Accounts { get; set; } = [];

    /// <summary>Accounts evaluated at once during a sweep.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;
}
