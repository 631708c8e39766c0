using CostOps.Domain.Pricing;

namespace CostOps.Domain.Observed;

/// <summary>
/// One workload-day of observed TCO (ECONOMICS.md "Observed (nightly) TCO"). Null figures are
/// unknown. Savings are positive when self-hosting was cheaper than the API would have been.
/// </summary>
public sealed record DailyTco(
    DateOnly Day,
    decimal? GpuHours,
    Money? GpuCost,
    CostBasis CostBasis,
    Money Recurring,
    Money Retrain,
    Money Amortized,
    Money? SelfHostedCost,
    decimal? Requests,
    decimal? InputTokens,
    decimal? OutputTokens,
    decimal? ApiRequests,
    Money? ApiEquivalentCost,
    Money? ApiActualCost,
    Money? Savings,
    decimal? BreakEvenRequestsPerMonth,
    decimal? ProjectedRequestsPerMonth,
    decimal? DemandRatio,
    bool NeverBreaksEven,
    bool CapacityExceeded,
    decimal Completeness);
