using System.Text.Json.Nodes;
using CostOps.TestSupport;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// A nightly backfill for the CLI to run: the demo's three workloads copied <see cref="Copies"/> times (each copy its own
/// partition, so the writes are many separate batches) over the demo's telemetry exports, one workload at a time
/// (<c>MaxParallelism</c> 1) so a fault lands between writes rather than beside them.
/// </summary>
internal sealed class BackfillWorld : IDisposable
{
    public const int Copies = 4;

    /// <summary>60 days ending on the demo's last day.</summary>
    public static readonly DateOnly From = new(2026, 9, 17);

    public static readonly DateOnly To = new(2026, 11, 15);

    private BackfillWorld(string directory)
    {
        Directory = directory;
        Settings = Path.Combine(directory, "settings.json");
    }

    public string Directory { get; }

    public string Settings { get; }

    public static int Workloads => 3 * Copies;

    public static int Days => To.DayNumber - From.DayNumber + 1;

    public static BackfillWorld Create()
    {
        var world = new BackfillWorld(System.IO.Directory.CreateTempSubdirectory("costops-chaos-").FullName);
        var demo = RepositoryRoot.Combine("samples", "demo");
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(demo, "catalog.json")))!.AsObject();
        var workloads = new JsonArray();
        foreach (var workload in catalog["workloads"]!.AsArray())
        {
            for (var copy = 1; copy <= Copies; copy++)
            {
                var clone = workload!.DeepClone().AsObject();
                clone["id"] = $"{workload["id"]!.GetValue<string>()}-{copy:D2}";
                if (copy > 1)
                {
                    // A resource belongs to one workload; the other copies' fleets have no cost rows (their cost is unknown).
                    var resources = clone["selfHosted"]!["resources"]!.AsArray();
                    for (var i = 0; i < resources.Count; i++)
                    {
                        resources[i] = $"{resources[i]!.GetValue<string>()}-copy{copy}";
                    }
                }
                workloads.Add(clone);
            }
        }
        var telemetry = Path.Combine(demo, "telemetry");
        File.WriteAllText(Path.Combine(world.Directory, "catalog.json"), new JsonObject { ["workloads"] = workloads }.ToJsonString());
        File.WriteAllText(world.Settings, new JsonObject
        {
            ["CostOps"] = new JsonObject
            {
                ["Catalog"] = new JsonObject { ["Path"] = "catalog.json" },
                ["Sources"] = new JsonArray
                {
                    new JsonObject { ["Name"] = "demo-prometheus", ["Type"] = "files", ["Format"] = "prometheusRange", ["Path"] = Path.Combine(telemetry, "prometheus"), ["Step"] = "01:00:00" },
                    new JsonObject { ["Name"] = "demo-costs", ["Type"] = "files", ["Format"] = "focusCost", ["Path"] = Path.Combine(telemetry, "focus") },
                    new JsonObject { ["Name"] = "demo-openai", ["Type"] = "files", ["Format"] = "openAiUsage", ["Path"] = Path.Combine(telemetry, "openai") },
                },
                ["Nightly"] = new JsonObject { ["MaxParallelism"] = 1 },
            },
        }.ToJsonString());
        return world;
    }

    /// <summary>The CLI's arguments for the backfill.</summary>
    public string[] NightlyArguments() =>
        ["nightly", "--settings", Settings, "--from", From.ToString("yyyy-MM-dd"), "--to", To.ToString("yyyy-MM-dd")];

    /// <summary>A fresh table prefix (the product allows 21 letters or digits).</summary>
    public static string NewPrefix(string start) => start + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Storage for one run: the connection string and the table prefix, as environment variables.</summary>
    public static Dictionary<string, string> Storage(string connectionString, string prefix) => new()
    {
        ["CostOps__Storage__ConnectionString"] = connectionString,
        ["CostOps__Storage__TablePrefix"] = prefix,
    };

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
