namespace DriftWatch.Core.Evaluation;

/// <summary>How a trail's destination stands: ok, broken (logs cannot be delivered), or not verified (DriftWatch could not read it).</summary>
public enum DestinationStatus
{
    Ok,
    Broken,
    NotVerified,
}
