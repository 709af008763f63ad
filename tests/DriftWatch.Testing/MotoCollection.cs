namespace DriftWatch.Testing;

/// <summary>Names the collection of tests that share one moto; each assembly declares it with [CollectionDefinition].</summary>
public static class MotoCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "moto";
}
