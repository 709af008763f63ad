using DriftWatch.Testing;

namespace DriftWatch.Cli.Tests;

/// <summary>Declares the shared moto collection in this assembly: one moto, tests run one at a time.</summary>
[CollectionDefinition(MotoCollection.Name)]
public class MotoCollectionDefinition : ICollectionFixture<MotoFixture>;
