namespace DriftWatch.Core.Reporting;

/// <summary>What the records say about an account at one moment of a report's window.</summary>
public enum CoverageState
{
    /// <summary>Nothing recorded yet: before the account's first verdict.</summary>
    Unknown,

    /// <summary>The last verdict was pass.</summary>
    Covered,

    /// <summary>The last verdict was fail: a coverage gap.</summary>
    Gap,

    /// <summary>The last verdict was "could not evaluate": known to neither side.</summary>
    CouldNotEvaluate,
}
