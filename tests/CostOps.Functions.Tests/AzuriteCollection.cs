using CostOps.TestSupport.Azurite;

namespace CostOps.Functions.Tests;

/// <summary>Every test that needs tables joins this collection and shares one Azurite.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
