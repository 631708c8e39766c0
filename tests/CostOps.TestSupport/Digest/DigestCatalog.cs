using CostOps.Application.Catalog;
using CostOps.Application.PriceBook;

namespace CostOps.TestSupport.Digest;

/// <summary>Small workload catalogs for digest and verdict tests, parsed as the app parses a catalog file.</summary>
public static class DigestCatalog
{
    private static readonly Lazy<Domain.Pricing.PriceBook> s_priceBook = new(PriceBookReader.LoadDefault);

    /// <summary>A catalog of <paramref name="ids"/>, in that order; a display name for an id when <paramref name="displayNames"/> has one.</summary>
    public static WorkloadCatalog Of(IEnumerable<string> ids, IReadOnlyDictionary<string, string>? displayNames = null)
    {
        var entries = ids.Select(id => Entry(id, displayNames?.GetValueOrDefault(id)));
        return WorkloadCatalogReader.Parse($$"""{ "workloads": [ {{string.Join(", ", entries)}} ] }""", s_priceBook.Value, null, "catalog.json");
    }

    private static string Entry(string id, string? displayName) => $$"""
        { "id": "{{id}}", {{(displayName is null ? "" : $"\"displayName\": \"{displayName}\", ")}}"goLive": "2026-03-01", "selfHosted": { "tagSelector": { "costops-workload": "{{id}}" }, "gpuHourly": 3.5, "targetUtilization": 0.8 }, "api": { "inputPerMTok": 2, "outputPerMTok": 8 } }
        """;
}
