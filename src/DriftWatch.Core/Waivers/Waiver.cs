namespace DriftWatch.Core.Waivers;

/// <summary>
/// A documented decision to log only in some regions for one account: why, what compensates, who owns it, and
/// until when it holds.
/// </summary>
public sealed record Waiver(
    string AccountId,
    IReadOnlyList<string> Regions,
    string Rationale,
    string CompensatingControls,
    string Owner,
    DateOnly Expires,
    int Line)
{
    /// <summary>True until the end of the expiry day (UTC).</summary>
    public bool IsValidOn(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) <= Expires;
}
