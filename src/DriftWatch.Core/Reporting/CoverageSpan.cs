namespace DriftWatch.Core.Reporting;

/// <summary>A stretch of the window in one state, [From, To): what a timeline draws.</summary>
public sealed record CoverageSpan(CoverageState State, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>How long the span lasts.</summary>
    public TimeSpan Duration => To - From;
}
