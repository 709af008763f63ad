using DriftWatch.Core.Reporting;

namespace DriftWatch.Cli.Report;

/// <summary>
/// The timeline's colours and words, one per state. Far apart in hue and in lightness, so that they stay distinct
/// printed in grey and for the common colour-vision deficiencies; the gap colour is what the screenshot test looks for.
/// </summary>
internal static class TimelineColours
{
    /// <summary>Fill of a state, as #rrggbb.</summary>
    public static string Of(CoverageState state) => state switch
    {
        CoverageState.Covered => "#2f9e44",
        CoverageState.Gap => "#e03131",
        CoverageState.CouldNotEvaluate => "#fab005",
        _ => "#ced4da",
    };

    /// <summary>The legend's word for a state.</summary>
    public static string Label(CoverageState state) => state switch
    {
        CoverageState.Covered => "covered",
        CoverageState.Gap => "gap (control failed)",
        CoverageState.CouldNotEvaluate => "could not evaluate",
        _ => "unknown (nothing recorded yet)",
    };

    /// <summary>The states in legend order.</summary>
    public static readonly IReadOnlyList<CoverageState> Legend =
        [CoverageState.Covered, CoverageState.Gap, CoverageState.CouldNotEvaluate, CoverageState.Unknown];
}
