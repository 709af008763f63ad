using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Evaluation;

/// <summary>One persisted evaluation of an account, as the coalescer runs it (<see cref="AccountEvaluator"/>).</summary>
public interface IAccountEvaluation
{
    /// <summary>
    /// Evaluates the account and persists the result. The cause is asked for once the trails have been read, so events
    /// that joined while they were read are part of it.
    /// </summary>
    Task<EvaluationOutcome> EvaluateAsync(string accountId, Func<EvaluationCause> causeSoFar, CancellationToken cancellationToken);
}
