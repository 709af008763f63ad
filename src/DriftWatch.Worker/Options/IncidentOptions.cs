using System.ComponentModel.DataAnnotations;

namespace DriftWatch.Worker.Options;

/// <summary>When DriftWatch tells the SOC it cannot see an account.</summary>
public sealed class IncidentOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "DriftWatch:Incidents";

    /// <summary>How long evaluations of an account may keep failing before a "monitoring blind" notice.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan BlindAfter { get; set; } = TimeSpan.FromMinutes(15);
}
