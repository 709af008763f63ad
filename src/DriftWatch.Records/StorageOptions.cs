using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Records;

/// <summary>DynamoDB tables. Defaults meet infra/driftwatch-central.yaml's.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "DriftWatch:Storage";

    /// <summary>Current verdict per account, with its version.</summary>
    [Required]
    public string StateTable { get; set; } = "driftwatch-state";

    /// <summary>Append-only log of transitions.</summary>
    [Required]
    public string TransitionsTable { get; set; } = "driftwatch-transitions";

    /// <summary>Incidents: the system of record for the SOC.</summary>
    [Required]
    public string IncidentsTable { get; set; } = "driftwatch-incidents";
}
