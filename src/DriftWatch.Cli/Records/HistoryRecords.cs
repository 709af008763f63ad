using DriftWatch.Core.Monitoring;
using DriftWatch.Records;

namespace DriftWatch.Cli.Records;

/// <summary>
/// What `history` shows: the coverage transitions and the denied attempts (refused calls that changed nothing), each
/// newest first. One account's history is both: a refused StopLogging right before a successful one is the story.
/// </summary>
internal sealed record HistoryRecords(IReadOnlyList<Transition> Transitions, IReadOnlyList<DeniedAttempt> Attempts)
{
    /// <summary>Reads both, for one account or all, since a time or ever.</summary>
    public static async Task<HistoryRecords> ReadAsync(IDriftRecords records, string? accountId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var transitions = await records.ListTransitionsAsync(accountId, since, cancellationToken);
        var attempts = await records.ListAttemptsAsync(accountId, since, cancellationToken);
        return new HistoryRecords(transitions, attempts);
    }

    /// <summary>Transitions and attempts in one list, newest first; each entry holds one of the two.</summary>
    public IReadOnlyList<(DateTimeOffset At, Transition? Transition, DeniedAttempt? Attempt)> Merged() =>
        Transitions.Select(t => (t.DetectedAt, (Transition?)t, (DeniedAttempt?)null))
            .Concat(Attempts.Select(a => (a.DetectedAt, (Transition?)null, (DeniedAttempt?)a)))
            .OrderByDescending(e => e.Item1)
            .ToList();
}
