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

    /// <summary>
    /// After an event of a call that can reduce coverage found no change, how long after it to read the account again
    /// (AWS applies trail changes eventually: a read right after the event may still see the old trail). Unset:
    /// <see cref="DefaultConfirmAfter"/>; set to an empty value (DriftWatch__Evaluation__ConfirmAfter=""): none.
    /// The binder replaces an unset array instead of appending to a default, hence null rather than an initializer.
    /// </summary>
    [ConfirmationDelays]
    public TimeSpan[]? ConfirmAfter { get; set; }

    /// <summary>5 s covers the propagation AWS usually shows; 30 s its slow tail.</summary>
    public static IReadOnlyList<TimeSpan> DefaultConfirmAfter { get; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>The confirmation delays in force, from the event's evaluation, shortest first.</summary>
    public IReadOnlyList<TimeSpan> ConfirmationDelays => ConfirmAfter ?? DefaultConfirmAfter;
}
