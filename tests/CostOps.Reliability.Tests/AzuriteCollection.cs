using CostOps.TestSupport.Azurite;

namespace CostOps.Reliability.Tests;

/// <summary>Every test that needs tables joins this collection and shares one Azurite (each with its own tables).</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
