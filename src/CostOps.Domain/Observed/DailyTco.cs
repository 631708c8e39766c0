using CostOps.Domain.Pricing;

namespace CostOps.Domain.Observed;

/// <summary>
/// One workload-day of observed TCO (docs/economics.md, "Observed TCO"). Null figures are
/// unknown. Savings are positive when self-hosting was cheaper than the API would have been.
/// </summary>
/// <param name="GpuHourlyRate">The day's one hourly GPU rate (<see cref="GpuRate.Of"/>): it prices the estimated GPU cost and the break-even; null when unknown.</param>
/// <param name="GpuRateBasis">Where <paramref name="GpuHourlyRate"/> came from.</param>
/// <param name="MeanTokensPerSecondPerInstance">The day's measured mean served (input + output) tokens/s of one running instance; null when not measured.</param>
/// <param name="PeakTokensPerSecondPerInstance">The day's measured p95 served tokens/s of one running instance; null when not measured.
/// The autopilot sizes scale sets from it when the catalog gives no throughput.</param>
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
    decimal Completeness,
    HourlyRate? GpuHourlyRate = null,
    GpuRateBasis GpuRateBasis = GpuRateBasis.Unknown,
    decimal? MeanTokensPerSecondPerInstance = null,
    decimal? PeakTokensPerSecondPerInstance = null)
{
    /// <summary>
    /// False when the night's telemetry sources answered nothing: completeness 0 (the worst source's share) and not one
    /// observed figure known (GPU hours or cost, self-hosted or API requests). The row's figures then say nothing about
    /// the night. One silent source among answering ones is not "no data": it lowers completeness (which the
    /// autopilot and the digest report), while the figures the others gave still make a verdict.
    /// </summary>
    public bool HasData => Completeness > 0m || GpuHours is not null || GpuCost is not null || Requests is not null || ApiRequests is not null;

    /// <summary>
    /// Where the day stands against break-even. No data without telemetry or without a demand ratio; a break-even of 0
    /// with a known demand is above break-even (self-hosting is cheaper at any volume, as the autopilot reads it).
    /// </summary>
    public Verdict Verdict => this switch
    {
        { HasData: false } => Verdict.NoData,
        { NeverBreaksEven: true } => Verdict.NeverBreaksEven,
        { BreakEvenRequestsPerMonth: 0m, ProjectedRequestsPerMonth: not null } => Verdict.AboveBreakEven,
        { DemandRatio: null } => Verdict.NoData,
        { DemandRatio: >= 1m } => Verdict.AboveBreakEven,
        _ => Verdict.BelowBreakEven,
    };
}
