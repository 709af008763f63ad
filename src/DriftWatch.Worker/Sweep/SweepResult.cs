namespace DriftWatch.Worker.Sweep;

/// <summary>
/// What one sweep covered: the accounts, how many faulted (no answer at all), how many could not be evaluated (AWS
/// errors left their verdict undecided), and how long it took.
/// </summary>
public sealed record SweepResult(IReadOnlyList<string> Accounts, int Failed, int CouldNotEvaluate, TimeSpan Elapsed);
