using CostOps.TestSupport.Azurite;

namespace CostOps.Handler.Tests.Contract;

/// <summary>App settings for a handler under test: its own tables on the shared Azurite and a catalog file.</summary>
internal static class HandlerEnvironment
{
    public static Dictionary<string, string> For(AzuriteFixture azurite, string catalogJson)
    {
        var catalog = Path.Combine(Path.GetTempPath(), $"costops-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(catalog, catalogJson);
        return new Dictionary<string, string>
        {
            ["CostOps__Storage__ConnectionString"] = azurite.ConnectionString,
            ["CostOps__Storage__TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
            ["CostOps__Catalog__Path"] = catalog,
        };
    }

    public const string EmptyCatalog = """{ "workloads": [] }""";
}
