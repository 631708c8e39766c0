using CostOps.Domain.Observed;

namespace CostOps.Application.Results;

/// <summary>
/// One stored row of the <c>DailyTco</c> table: the domain's observed TCO for a workload-day plus
/// how it was computed (so a reader can judge and reproduce it).
/// </summary>
/// <param name="GpuUtilizationPercent">Average DCGM GPU utilization that day, when measured.</param>
/// <param name="PriceSource">What priced the GPU cost: the actual cost, or the list rate it was estimated with.</param>
/// <param name="PricesAsOf">When that price was fetched or published; null for actual cost.</param>
/// <param name="CompletenessDetail">Which sources were short, e.g. "fleet 20/24; selfHostedUsage 0/288".</param>
/// <param name="CalcVersion">The version of the calculation, bumped when a formula changes.</param>
public sealed record DailyTcoRecord(
    string WorkloadId,
    DailyTco Tco,
    double? GpuUtilizationPercent,
    PriceSource PriceSource,
    DateTimeOffset? PricesAsOf,
    string CompletenessDetail,
    int CalcVersion,
    string RunId,
    DateTimeOffset ComputedAt)
{
    /// <summary>
    /// Version 2 (docs/economics.md): one GPU rate per day (actual cost per running hour, else the list rate) prices
    /// both the estimated GPU cost and the break-even. Version 1 priced the break-even at a trailing-window rate.
    /// </summary>
    public const int CurrentCalcVersion = 2;
}
