using CostOps.Domain.Observed;

namespace CostOps.Application.Results;

/// <summary>
/// One stored row of the <c>DailyTco</c> table: the domain's observed TCO for a workload-day plus
/// how it was computed (so a reader can judge and reproduce it).
/// </summary>
/// <param name="GpuUtilizationPercent">Average DCGM GPU utilization that day, when measured.</param>
/// <param name="PriceSource">Where the hourly rate came from: <c>actual-cost</c>, <c>retail-prices</c>, <c>price-book</c> or <c>catalog</c>.</param>
/// <param name="PricesAsOf">When that price was fetched or published; null for actual cost.</param>
/// <param name="CompletenessDetail">Which sources were short, e.g. "fleet 20/24; selfHostedUsage 0/288".</param>
/// <param name="CalcVersion">The version of the calculation, bumped when a formula changes.</param>
public sealed record DailyTcoRecord(
    string WorkloadId,
    DailyTco Tco,
    double? GpuUtilizationPercent,
    string PriceSource,
    DateTimeOffset? PricesAsOf,
    string CompletenessDetail,
    int CalcVersion,
    string RunId,
    DateTimeOffset ComputedAt)
{
    /// <summary>Version 1: ECONOMICS.md as of 2026-11 (billing month 730 h; amortization over A x 30.416667 days).</summary>
    public const int CurrentCalcVersion = 1;
}
