using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Worker.Health;

/// <summary>The worker's HTTP port for /healthz, /readyz and /metrics; off unless a port is given.</summary>
public sealed class HealthOptions
{
    /// <summary>Configuration section (env: DriftWatch__Health__Port).</summary>
    public const string Section = "DriftWatch:Health";

    /// <summary>Port listened on, on every interface; unset serves nothing.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }
}
