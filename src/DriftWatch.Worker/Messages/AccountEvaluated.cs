using DriftWatch.Core.Evaluation;

namespace DriftWatch.Worker.Messages;

/// <summary>
/// The answer to <see cref="CloudTrailChangeObserved"/> and <see cref="AccountSweepDue"/>: the account was evaluated
/// and what it was found to be. "Could not evaluate" is an answer like any other; the asker decides what follows.
/// </summary>
public sealed record AccountEvaluated(string AccountId, ComplianceStatus Status)
{
    /// <summary>True when AWS errors left the verdict undecided: the asker should try again later.</summary>
    public bool CouldNotEvaluate => Status == ComplianceStatus.Error;
}
