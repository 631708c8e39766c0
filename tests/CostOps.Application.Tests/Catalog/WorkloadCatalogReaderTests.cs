using System.Text.Json;
using System.Text.Json.Nodes;
using CostOps.Application.Catalog;
using CostOps.Application.PriceBook;
using CostOps.Domain.Validation;
using CostOps.TestSupport;

namespace CostOps.Application.Tests.Catalog;

public sealed class WorkloadCatalogReaderTests
{
    private static readonly string[] s_sources = ["prometheus", "arm", "costs", "retail", "aoai", "openai"];
    private static readonly Domain.Pricing.PriceBook s_book = PriceBookReader.LoadDefault();

    private static string FullCatalog => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "catalog-full.json"));

    private static DomainValidationException Rejected(Action<JsonObject> breakIt, IReadOnlyCollection<string>? sources = null)
    {
        var catalog = JsonNode.Parse(FullCatalog)!.AsObject();
        breakIt(catalog["workloads"]![0]!.AsObject());
        return Assert.Throws<DomainValidationException>(() =>
            WorkloadCatalogReader.Parse(catalog.ToJsonString(), s_book, sources ?? s_sources, "catalog.json"));
    }

    [Fact]
    public void FullCatalog_IsRead()
    {
        var catalog = WorkloadCatalogReader.Parse(FullCatalog, s_book, s_sources, "catalog.json");

        var workload = Assert.Single(catalog.Workloads);
        Assert.Equal("support-triage", workload.Id);
        Assert.Equal(new DateOnly(2026, 3, 1), workload.Economics.GoLive);
        Assert.Equal(6.5m, workload.Economics.ListHourlyRate!.Value.UsdPerHour);
        Assert.Equal(41_000m, workload.Economics.OneOff.Total.Usd);
        Assert.Equal(0.25m, workload.Economics.Api.EffectiveCachedInputPerMTok.UsdPerMillionTokens);
        Assert.Equal("gpt-54-triage", workload.Telemetry.ApiUsage!.Deployment);
        Assert.Equal("support-triage", workload.Resources.TagSelector["costops-workload"]);
        Assert.Equal(["00000000-0000-0000-0000-000000000001"], workload.Resources.Subscriptions);
        Assert.Equal("dry-run", workload.Autopilot.Mode);
    }

    [Fact]
    public void ASubscriptionThatIsNotAGuid_IsNamed()
    {
        var catalog = JsonNode.Parse(FullCatalog)!.AsObject();
        catalog["workloads"]![0]!["selfHosted"]!["subscriptions"] = new JsonArray("00000000-0000-0000-0000-000000000001", "prod' or 1==1");

        var error = Assert.Throws<DomainValidationException>(() => WorkloadCatalogReader.Parse(catalog.ToJsonString(), s_book, s_sources, "catalog.json"));

        var field = Assert.Single(error.Errors);
        Assert.Equal("catalog.json: workloads[0] (support-triage).selfHosted.subscriptions[1]", field.Field);
        Assert.Contains("is not a subscription id", field.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GpuHourly_DefaultsToThePriceBook()
    {
        var catalog = JsonNode.Parse(FullCatalog)!.AsObject();
        catalog["workloads"]![0]!["selfHosted"]!.AsObject().Remove("gpuHourly");

        var workload = WorkloadCatalogReader.Parse(catalog.ToJsonString(), s_book, s_sources, "catalog.json").Workloads[0];

        Assert.Equal(6.98m, workload.Economics.ListHourlyRate!.Value.UsdPerHour);
    }

    public static TheoryData<string, Action<JsonObject>> BrokenFields => new()
    {
        { "selfHosted.targetUtilization", w => w["selfHosted"]!["targetUtilization"] = 1.5 },
        { "selfHosted.instances.max", w => w["selfHosted"]!["instances"] = new JsonObject { ["min"] = 3, ["max"] = 1 } },
        { "selfHosted.resources[0]", w => w["selfHosted"]!["resources"] = new JsonArray("/subscriptions/not-a-guid/vm") },
        { "goLive", w => w["goLive"] = "March 2026" },
        { "id", w => w["id"] = "has spaces" },
        { "api.model", w => { w["api"] = new JsonObject { ["model"] = "gpt-0" }; } },
        { "autopilot.mode", w => w["autopilot"]!["mode"] = "yolo" },
        { "autopilot.band", w => w["autopilot"]!["band"] = 1.5 },
        { "telemetry.apiCost.source", w => w["telemetry"]!["apiCost"]!["source"] = "nowhere" },
        { "telemetry.fleet.labelSelectr", w => w["telemetry"]!["fleet"]!["labelSelectr"] = "x" },
        { "oneOff.training", w => w["oneOff"]!["training"] = -1 },
        { "quality.apiAccuracy", w => w["quality"]!["apiAccuracy"] = 0 },
    };

    [Theory]
    [MemberData(nameof(BrokenFields))]
    public void Errors_NameTheFileTheWorkloadAndTheField(string field, Action<JsonObject> breakIt)
    {
        var error = Rejected(breakIt);

        Assert.Contains(error.Errors, e => e.Field.StartsWith("catalog.json: workloads[0]", StringComparison.Ordinal) && e.Field.EndsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_NameTheWorkloadById()
    {
        var error = Rejected(w => w["autopilot"]!["mode"] = "yolo");

        Assert.Contains(error.Errors, e => e.Field == "catalog.json: workloads[0] (support-triage).autopilot.mode");
    }

    [Fact]
    public void DuplicateIdsAndSharedResources_AreRejected()
    {
        var catalog = JsonNode.Parse(FullCatalog)!.AsObject();
        var workloads = catalog["workloads"]!.AsArray();
        workloads.Add(workloads[0]!.DeepClone());
        var renamed = workloads[0]!.DeepClone();
        renamed["id"] = "other";
        workloads.Add(renamed);

        var error = Assert.Throws<DomainValidationException>(() => WorkloadCatalogReader.Parse(catalog.ToJsonString(), s_book, s_sources, "catalog.json"));

        Assert.Contains(error.Errors, e => e.Field.EndsWith("workloads[1] (support-triage).id", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("already belongs to workload 'support-triage'", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingFile_NamesThePath()
    {
        var error = Assert.Throws<DomainValidationException>(() => WorkloadCatalogReader.Load("/nowhere/catalog.json", s_book, null));

        Assert.Equal("/nowhere/catalog.json", error.Errors[0].Field);
    }

    [Fact]
    public void PublishedSchema_DescribesExactlyTheFieldsTheReaderAccepts()
    {
        // The full fixture uses every field once and the reader accepts it (above); the schema must name the same fields.
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("schemas", "workload-catalog.schema.json")));
        using var full = JsonDocument.Parse(FullCatalog);

        var schemaPaths = SchemaPaths(schema.RootElement, "").Select(BindingFieldsAsOne).ToHashSet();
        var fixturePaths = FixturePaths(full.RootElement, "").Select(BindingFieldsAsOne).ToHashSet();

        Assert.Equal(schemaPaths.Order(), fixturePaths.Order());
    }

    /// <summary>Telemetry bindings share one shape: the schema repeats it per binding, the fixture fills each one partly.</summary>
    private static string BindingFieldsAsOne(string path)
    {
        var parts = path.Split('.');
        return parts.Length == 4 && parts[1] == "telemetry" ? $"workloads.telemetry.*.{parts[3]}" : path;
    }

    private static IEnumerable<string> SchemaPaths(JsonElement node, string path)
    {
        if (node.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                yield return child;
                foreach (var nested in SchemaPaths(property.Value, child))
                {
                    yield return nested;
                }
            }
        }
        if (node.TryGetProperty("items", out var items))
        {
            foreach (var nested in SchemaPaths(items, path))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<string> FixturePaths(JsonElement node, string path)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            return node.EnumerateArray().Take(1).SelectMany(item => FixturePaths(item, path));
        }
        if (node.ValueKind != JsonValueKind.Object || path.EndsWith("tagSelector", StringComparison.Ordinal))
        {
            return [];
        }
        return node.EnumerateObject().SelectMany(p =>
        {
            var child = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
            return new[] { child }.Concat(FixturePaths(p.Value, child));
        });
    }
}
