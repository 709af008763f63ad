using System.ComponentModel.DataAnnotations;
using DriftWatch.Aws;

namespace DriftWatch.Sinks.SecurityHub;

/// <summary>Whether notices become Security Hub findings, and in which region.</summary>
public sealed class SecurityHubOptions
{
    /// <summary>Configuration section (env: DriftWatch__Incidents__SecurityHub__Enabled).</summary>
    public const string Section = "DriftWatch:Incidents:SecurityHub";

    /// <summary>Off unless set: Security Hub must be enabled in the account and region first.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where findings are imported; unset means the worker's region.</summary>
    [RegionName(ErrorMessage = "DriftWatch:Incidents:SecurityHub:Region must be a region name such as eu-west-1.")]
    public string? Region { get; set; }
}
