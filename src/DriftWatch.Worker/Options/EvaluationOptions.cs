namespace DriftWatch.Worker.Options;

/// <summary>Where the worker reads trails from.</summary>
public sealed class EvaluationOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "DriftWatch:Evaluation";

    /// <summary>Region whose DescribeTrails lists every trail (multi-region ones from any home); default: the SDK's region.</summary>
    public string? Region { get; set; }

    /// <summary>Exceptions file (see ExceptionsFile); empty for none.</summary>
    public string? ExceptionsFile { get; set; }
}
