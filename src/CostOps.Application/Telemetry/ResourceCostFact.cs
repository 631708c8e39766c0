namespace CostOps.Application.Telemetry;

/// <summary>
/// The cost of one Azure resource on one UTC day (Cost Management query or a FOCUS export).
/// Money is <c>decimal</c> for now; it becomes the domain's money type when that lands.
/// </summary>
/// <param name="ResourceId">The ARM resource id as the query asked for it (cost data is compared case-insensitively).</param>
/// <param name="Day">The UTC day.</param>
/// <param name="Cost">The cost in <paramref name="Currency"/>; null when no cost row arrived for that day.</param>
/// <param name="Currency">The billing currency (ISO 4217), null when no row arrived.</param>
/// <param name="CostUsd">The cost in USD: the source's USD column, or <paramref name="Cost"/> when the currency is USD; otherwise null.</param>
/// <param name="Basis">Amortized or billed.</param>
/// <param name="Completeness">1/1 when a row arrived for the resource and day, 0/1 when not.</param>
public sealed record ResourceCostFact(
    string ResourceId,
    DateOnly Day,
    decimal? Cost,
    string? Currency,
    decimal? CostUsd,
    ResourceCostBasis Basis,
    Completeness Completeness);
