using CostOps.TestSupport.Azurite;

namespace CostOps.Functions.Tests.Worker;

/// <summary>App settings for a worker under test: its own tables on an Azurite and a catalog file.</summary>
internal static class AppSettings
{
    public const string EmptyCatalog = """{ "workloads": [] }""";

    public static Dictionary<string, string> For(AzuriteFixture azurite, string catalogJson)
    {
        var catalog = Path.Combine(Path.GetTempPath(), $"costops-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(catalog, catalogJson);
        return new Dictionary<string, string>
        {
            ["CostOps__Storage__ConnectionString"] = azurite.ConnectionString,
            ["CostOps__Storage__TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
            ["CostOps__Catalog__Path"] = catalog,
            // The schedules the timers name: the host resolves them; the worker only needs them set like in Azure.
            ["NightlyTcoSchedule"] = "0 30 1 * * *",
            ["AutopilotSchedule"] = "0 30 2 * * *",
            ["WeeklyDigestSchedule"] = "0 0 8 * * 1",
        };
    }
}
