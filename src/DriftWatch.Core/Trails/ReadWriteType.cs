namespace DriftWatch.Core.Trails;

/// <summary>Which management events a basic event selector records.</summary>
public enum ReadWriteType
{
    All,
    ReadOnly,
    WriteOnly,
}
