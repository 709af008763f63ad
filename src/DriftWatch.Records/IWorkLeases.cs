namespace DriftWatch.Records;

/// <summary>
/// Work shared between workers through DynamoDB alone: a lease names a piece of periodic work (an account's sweep,
/// its heartbeats) and when it is next due. Whoever takes it first does the work; every other worker finds it not due
/// and skips it, so N workers do each piece once per period between them.
/// </summary>
public interface IWorkLeases
{
    /// <summary>
    /// Takes the lease when it is due at <paramref name="now"/>, was never taken, or is still held under
    /// <paramref name="heldToken"/> (the token this worker was given when it last took it), and makes it due again at
    /// <paramref name="nextDue"/>; null when another worker holds it. The taken lease carries a fresh token, and the
    /// one it replaced.
    /// </summary>
    /// <param name="heldToken">
    /// Null to take only a due lease. A holder renews before the due time when its own period has shortened (the
    /// sweep's adapts to the organization): a lease is a promise to other workers, never a wait imposed on its holder.
    /// </param>
    Task<WorkLease?> TryTakeAsync(string name, DateTimeOffset now, DateTimeOffset nextDue, string? heldToken, CancellationToken cancellationToken);

    /// <summary>The lease as stored, or null when it was never taken.</summary>
    Task<WorkLease?> GetAsync(string name, CancellationToken cancellationToken);
}
