namespace DriftWatch.Records;

/// <summary>A lease as taken: when it is next due, its token (fresh at each take) and the token it replaced.</summary>
public sealed record WorkLease(string Name, DateTimeOffset DueAt, string Token, string? PreviousToken);
