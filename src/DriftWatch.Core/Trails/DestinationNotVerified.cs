namespace DriftWatch.Core.Trails;

/// <summary>A part of a destination DriftWatch could not read (access denied, no role in the bucket's account...), and why.</summary>
public sealed record DestinationNotVerified(DestinationPart Part, string Reason);
