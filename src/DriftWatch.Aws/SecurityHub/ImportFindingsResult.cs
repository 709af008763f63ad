namespace DriftWatch.Aws.SecurityHub;

/// <summary>What BatchImportFindings accepted: a result is only returned when nothing was refused.</summary>
public sealed record ImportFindingsResult(int SuccessCount);
