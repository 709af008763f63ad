using System.ComponentModel.DataAnnotations;
using DriftWatch.Aws;

namespace DriftWatch.Sinks.EventBridge;

/// <summary>Which event bus every notice is put on, so users route it anywhere with rules.</summary>
public sealed class EventBridgeOptions
{
    /// <summary>Configuration section (env: DriftWatch__Incidents__EventBridge__BusName).</summary>
    public const string Section = "DriftWatch:Incidents:EventBridge";

    /// <summary>A bus name or ARN; unset disables the sink.</summary>
    [RegularExpression(
        @"^(arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus/)?[A-Za-z0-9._/-]{1,256}$",
        ErrorMessage = "DriftWatch:Incidents:EventBridge:BusName must be an event bus name or ARN.")]
    public string? BusName { get; set; }

    /// <summary>The bus's region; unset means the worker's.</summary>
    [RegionName(ErrorMessage = "DriftWatch:Incidents:EventBridge:Region must be a region name such as eu-west-1.")]
    public string? Region { get; set; }

    /// <summary>True when a bus is named.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(BusName);
}
