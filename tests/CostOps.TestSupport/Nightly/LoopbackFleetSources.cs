using System.Globalization;
using System.Text.Json.Nodes;

namespace CostOps.TestSupport.Nightly;

/// <summary>
/// The three telemetry sources a self-hosted fleet reports through, all pointed at one loopback fake:
/// managed Prometheus ("prom": vLLM counters and DCGM utilization), ARM ("fleet": power state and
/// running hours through metrics:getBatch) and Cost Management ("costs": amortized cost). Shared by the
/// nightly integration test and the nightly benchmark so both configure the product the same way.
/// </summary>
public static class LoopbackFleetSources
{
    /// <summary>The <c>CostOps:Sources</c> settings for the three sources at <paramref name="endpoint"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string endpoint, string subscription, TimeSpan prometheusStep) =>
        new Dictionary<string, string?>
        {
            ["CostOps:Sources:0:Name"] = "prom",
            ["CostOps:Sources:0:Type"] = "prometheus",
            ["CostOps:Sources:0:Endpoint"] = endpoint,
            ["CostOps:Sources:0:Authentication"] = "managedIdentity",
            ["CostOps:Sources:0:Step"] = prometheusStep.ToString("c", CultureInfo.InvariantCulture),
            ["CostOps:Sources:1:Name"] = "fleet",
            ["CostOps:Sources:1:Type"] = "arm",
            ["CostOps:Sources:1:Endpoint"] = endpoint,
            ["CostOps:Sources:1:BatchEndpoint"] = endpoint,
            ["CostOps:Sources:1:Region"] = "eastus",
            ["CostOps:Sources:2:Name"] = "costs",
            ["CostOps:Sources:2:Type"] = "costManagement",
            ["CostOps:Sources:2:Endpoint"] = endpoint,
            ["CostOps:Sources:2:Scope"] = $"/subscriptions/{subscription}",
        };

    /// <summary>A workload's <c>telemetry</c> block in the catalog: vLLM series by model name, DCGM by workload label.</summary>
    public static JsonObject CatalogTelemetry(string workloadId) => new()
    {
        ["selfHostedUsage"] = new JsonObject { ["source"] = "prom", ["labelSelector"] = $"model_name=\"{workloadId}\"" },
        ["gpuUtilization"] = new JsonObject { ["source"] = "prom", ["labelSelector"] = $"costops_workload=\"{workloadId}\"" },
        ["fleet"] = new JsonObject { ["source"] = "fleet" },
        ["gpuCost"] = new JsonObject { ["source"] = "costs" },
    };
}
