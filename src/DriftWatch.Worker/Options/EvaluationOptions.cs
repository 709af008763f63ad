using System.Globalization;

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
    /// Text, not TimeSpan: the binder silently drops an array element it cannot convert, which would turn a typo into
    /// "no confirmation"; <see cref="ConfirmationDelaysAttribute"/> parses each one and names the key instead. Null
    /// rather than an initializer: the binder appends to an array it finds.
    /// </summary>
    [ConfirmationDelays]
    public string[]? ConfirmAfter { get; set; }

    /// <summary>5 s covers the propagation AWS usually shows; 30 s its slow tail.</summary>
    public static IReadOnlyList<TimeSpan> DefaultConfirmAfter { get; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>
    /// The confirmation delays in force, from the event's evaluation, shortest first. Never throws: reflection over
    /// the options (validation, the CLI's reports) reads it before validation has named a bad value.
    /// </summary>
    public IReadOnlyList<TimeSpan> ConfirmationDelays =>
        ConfirmAfter?.Select(d => TimeSpan.TryParse(d, CultureInfo.InvariantCulture, out var delay) ? delay : (TimeSpan?)null).OfType<TimeSpan>().ToList()
        ?? DefaultConfirmAfter;
}
