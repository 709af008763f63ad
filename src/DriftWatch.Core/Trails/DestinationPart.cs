namespace DriftWatch.Core.Trails;

/// <summary>The parts of a trail's destination DriftWatch reads, one call each.</summary>
public enum DestinationPart
{
    Bucket,
    Policy,
    Lifecycle,
    Key,
}
