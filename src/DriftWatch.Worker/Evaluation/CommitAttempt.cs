namespace DriftWatch.Worker.Evaluation;

/// <summary>One read-evaluate-commit of an account: its outcome, or none when another worker committed first.</summary>
public sealed record CommitAttempt(EvaluationOutcome? Outcome)
{
    /// <summary>The state moved between the read and the commit: evaluate again from fresh reads.</summary>
    public static CommitAttempt Lost { get; } = new((EvaluationOutcome?)null);

    /// <summary>True when this attempt lost the race.</summary>
    public bool LostRace => Outcome is null;
}
