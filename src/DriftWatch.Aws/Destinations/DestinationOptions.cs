using System.ComponentModel.DataAnnotations;
using DriftWatch.Core.Evaluation;

namespace DriftWatch.Aws.Destinations;

/// <summary>What a trail's destination must keep: read by `check` and the worker alike (DriftWatch:Evaluation).</summary>
public sealed class DestinationOptions
{
    /// <summary>Configuration section, shared with the worker's other evaluation settings.</summary>
    public const string Section = "DriftWatch:Evaluation";

    /// <summary>A lifecycle rule deleting log objects sooner than this many days is a retention shortfall.</summary>
    [Range(1, 36500)]
    public int MinimumRetentionDays { get; set; } = DestinationAssessor.DefaultMinimumRetentionDays;
}
