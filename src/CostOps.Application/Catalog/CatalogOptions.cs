namespace CostOps.Application.Catalog;

/// <summary>Where the workload catalog and price overrides live (section <c>CostOps:Catalog</c>).</summary>
public sealed class CatalogOptions
{
    public const string Section = "CostOps:Catalog";

    /// <summary>The workload catalog JSON file (schema: schemas/workload-catalog.schema.json).</summary>
    public string? Path { get; set; }

    /// <summary>Price books that override the default one, in order (CostOps or LiteLLM format).</summary>
    public List<string> PriceBooks { get; set; } = [];
}
