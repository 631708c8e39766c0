namespace CostOps.Application.Export;

/// <summary>Which stored rows to export: the UTC days <paramref name="From"/>..<paramref name="To"/> (inclusive) of some workloads.</summary>
/// <param name="WorkloadIds">Catalog ids; null or empty exports every workload of the catalog.</param>
public sealed record FocusExportRequest(DateOnly From, DateOnly To, IReadOnlyList<string>? WorkloadIds = null)
{
    /// <summary>The longest range one export covers (a year and a day).</summary>
    public const int MaxDays = 366;
}
