using DriftWatch.Testing;

namespace DriftWatch.Aws.Tests;

/// <summary>Shares one moto across this assembly's moto tests, which then run one at a time.</summary>
[CollectionDefinition(MotoCollection.Name)]
public class MotoCollectionDefinition : ICollectionFixture<MotoFixture>;
