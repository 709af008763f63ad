namespace DriftWatch.Worker.Sweep;

/// <summary>What one sweep covered: the accounts, how many could not be evaluated at all, and how long it took.</summary>
public sealed record SweepResult(IReadOnlyList<string> Accounts, int Failed, TimeSpan Elapsed);
