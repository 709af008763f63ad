namespace DriftWatch.Worker.Evaluation;

/// <summary>
/// Confirmation so far: events whose confirmation reads were scheduled; reads they caused (evaluations nothing else
/// would have run) and those another evaluation answered; changes they recorded; confirmations a stop abandoned; and
/// those still waiting or running.
/// </summary>
public sealed record ConfirmationCounts(long Scheduled, long Reads, long Shared, long ChangesFound, long Abandoned, int Pending);
