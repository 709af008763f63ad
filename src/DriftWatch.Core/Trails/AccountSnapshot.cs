namespace DriftWatch.Core.Trails;

/// <summary>
/// One read of an account's trails: every trail DescribeTrails listed, with its status and selectors.
/// Errors holds failures that left the trail list itself unknown (DescribeTrails failed).
/// </summary>
public sealed record AccountSnapshot(
    string AccountId,
    string Region,
    DateTimeOffset ReadAt,
    IReadOnlyList<TrailSnapshot> Trails,
    IReadOnlyList<ReadError> Errors,
    int ApiCalls);
