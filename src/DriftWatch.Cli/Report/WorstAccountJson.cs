namespace DriftWatch.Cli.Report;

/// <summary>The account with the lowest coverage, and that coverage.</summary>
internal sealed record WorstAccountJson(string Account, double? CoveragePercent);
