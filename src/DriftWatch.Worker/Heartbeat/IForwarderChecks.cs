using DriftWatch.Core.Monitoring;

namespace DriftWatch.Worker.Heartbeat;

/// <summary>Checks of the forwarder rules, as the sweep and the consumer of a rule or stack change ask for them (<see cref="ForwarderVerifier"/>).</summary>
public interface IForwarderChecks
{
    /// <summary>False when DriftWatch:Forwarder:Verify turns the checks off: a rule or stack change is then acknowledged unread.</summary>
    bool Enabled { get; }

    /// <summary>Checks every watched region of the account; returns how many could not be read.</summary>
    Task<int> VerifyAccountAsync(string accountId, EvaluationCause cause, CancellationToken cancellationToken);

    /// <summary>Checks one region's forwarder and records what was found.</summary>
    Task<ForwarderCheck> VerifyAsync(string accountId, string region, EvaluationCause cause, CancellationToken cancellationToken);
}
