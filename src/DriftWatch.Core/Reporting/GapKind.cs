namespace DriftWatch.Core.Reporting;

/// <summary>
/// What kind of gap a report lists. Only coverage gaps (the control failed) exist today; the kind is a field so that
/// later kinds (integrity of the log files, DriftWatch's own monitoring) join the same list.
/// </summary>
public static class GapKind
{
    /// <summary>The control failed: no trail logged read and write management events in every region.</summary>
    public const string Coverage = "coverage";
}
