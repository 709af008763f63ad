using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>The write side of denied attempts: a record the history lists, and its notice, in the outbox.</summary>
public interface IAttemptStore
{
    /// <summary>
    /// Writes the attempt and its notice (into the outbox) exactly as decided, in one transaction. False when the same
    /// event was recorded before (a message delivered twice): nothing was written, and its notice is the outbox's.
    /// </summary>
    Task<bool> RecordAttemptAsync(DeniedAttempt attempt, CancellationToken cancellationToken);
}
