using DriftWatch.Core.Monitoring;

namespace DriftWatch.Records;

/// <summary>The read side for people: drift history (transitions and denied attempts) and incidents.</summary>
public interface IDriftRecords
{
    /// <summary>Transitions, newest first, optionally for one account and since a time.</summary>
    Task<IReadOnlyList<Transition>> ListTransitionsAsync(string? accountId, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>Denied attempts, newest first, optionally for one account and since a time.</summary>
    Task<IReadOnlyList<DeniedAttempt>> ListAttemptsAsync(string? accountId, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>Incidents, newest first; only open ones when asked.</summary>
    Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool openOnly, CancellationToken cancellationToken);
}
