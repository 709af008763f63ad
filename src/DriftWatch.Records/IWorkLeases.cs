namespace DriftWatch.Records;

/// <summary>
/// Work shared between workers through DynamoDB alone: a lease names a piece of periodic work (an account's sweep,
/// its heartbeats) and when it is next due. Whoever takes it first does the work; every other worker finds it not due
/// and skips it, so N workers do each piece once per period between them.
/// </summary>
public interface IWorkLeases
{
    /// <summary>
    /// Takes the lease when it is due at <paramref name="now"/> (or was never taken) and makes it due again at
    /// <paramref name="nextDue"/>; null when another worker holds it. The taken lease carries a fresh token, and the
    /// one it replaced.
    /// </summary>
    Task<WorkLease?> TryTakeAsync(string name, DateTimeOffset now, DateTimeOffset nextDue, CancellationToken cancellationToken);

    /// <summary>The lease as stored, or null when it was never taken.</summary>
    Task<WorkLease?> GetAsync(string name, CancellationToken cancellationToken);
}
