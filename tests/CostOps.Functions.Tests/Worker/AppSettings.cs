using CostOps.TestSupport;
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

    /// <summary>One workload whose only usage source is a Prometheus that refuses connections (nothing listens on its port).</summary>
    private const string UnreachableCatalog = """
        { "workloads": [ {
            "id": "unreachable", "goLive": "2026-01-01",
            "selfHosted": { "tagSelector": { "costops-workload": "unreachable" }, "gpuHourly": 2, "tokensPerSecondPerInstance": 1000 },
            "api": { "inputPerMTok": 1, "outputPerMTok": 2 },
            "telemetry": { "selfHostedUsage": { "source": "broken-prometheus", "labelSelector": "model_name=\"x\"" } }
        } ] }
        """;

    /// <summary>
    /// The workload <c>unreachable</c>, whose usage source <c>broken-prometheus</c> points at a free loopback port with
    /// no retries: every read of it fails at once, the way a source that is down does.
    /// </summary>
    public static Dictionary<string, string> WithUnreachablePrometheus(AzuriteFixture azurite)
    {
        var settings = For(azurite, UnreachableCatalog);
        settings["CostOps__Sources__0__Name"] = "broken-prometheus";
        settings["CostOps__Sources__0__Type"] = "prometheus";
        settings["CostOps__Sources__0__Endpoint"] = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        settings["CostOps__Telemetry__Retry__MaxRetries"] = "0";
        return settings;
    }
}
