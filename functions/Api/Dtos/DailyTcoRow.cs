using CostOps.Application.Results;
using CostOps.Domain.Observed;

namespace CostOps.Functions.Api.Dtos;

/// <summary>
/// One stored <c>DailyTco</c> row: a workload's observed TCO for one UTC day (the observed TCO of the economics contract).
/// Money is USD rounded to 4 decimals; a null figure is unknown (its source was missing), never zero.
/// </summary>
/// <param name="WorkloadId">The workload (the row's PartitionKey).</param>
/// <param name="Day">The UTC day, yyyy-MM-dd (the row's RowKey).</param>
/// <param name="GpuHours">Instance-hours the self-hosted fleet ran; null when unknown.</param>
/// <param name="GpuCostUsd">The fleet's GPU cost that day; null when unknown.</param>
/// <param name="CostBasis">Where the GPU cost came from: <c>amortized-actual</c> (Cost Management), <c>estimated</c> (hours x list price) or <c>unknown</c>.</param>
/// <param name="RecurringUsd">The day's share of the monthly recurring costs.</param>
/// <param name="RetrainUsd">The day's share of retraining.</param>
/// <param name="AmortizedUsd">The day's share of the one-off fine-tuning cost (0 after the amortization window).</param>
/// <param name="SelfHostedCostUsd">GPU + recurring + retrain + amortized; null when the GPU cost is unknown.</param>
/// <param name="Requests">Requests the self-hosted model served; null when unknown.</param>
/// <param name="InputTokens">Self-hosted input tokens; null when unknown.</param>
/// <param name="OutputTokens">Self-hosted output tokens; null when unknown.</param>
/// <param name="ApiRequests">Requests sent to the API instead; null when unknown.</param>
/// <param name="ApiEquivalentCostUsd">What the self-hosted traffic would have cost on the API; null when unknown.</param>
/// <param name="ApiActualCostUsd">What the API traffic actually cost; null when unknown.</param>
/// <param name="SavingsUsd">API-equivalent minus self-hosted cost (positive: self-hosting was cheaper); null when either is unknown.</param>
/// <param name="BreakEvenRequestsPerMonth">The monthly demand at which self-hosting breaks even, from the trailing window; null when it never does or is unknown.</param>
/// <param name="ProjectedRequestsPerMonth">The trailing window's demand scaled to a billing month; null when unknown.</param>
/// <param name="DemandRatio">Projected demand over break-even (1 or more: self-hosting pays); null when unknown.</param>
/// <param name="NeverBreaksEven">True when no demand makes self-hosting cheaper at the day's prices.</param>
/// <param name="CapacityExceeded">True when the projected demand exceeds what the maximum instances can serve.</param>
/// <param name="Completeness">Share of the expected telemetry that arrived, 0..1.</param>
/// <param name="CompletenessDetail">Which sources were short, e.g. "fleet 20/24".</param>
/// <param name="GpuUtilizationPercent">Average GPU utilization that day; null when not measured.</param>
/// <param name="MeanTokensPerSecondPerInstance">Mean served tokens/s (input + output) of one running instance that day; null when not measured.</param>
/// <param name="P95TokensPerSecondPerInstance">The p95 of served tokens/s of one running instance that day; null when not measured.</param>
/// <param name="PriceSource">Where the hourly rate came from: actual-cost, retail-prices, price-book or catalog.</param>
/// <param name="PricesAsOf">When that price was fetched or published; null for actual cost.</param>
/// <param name="GpuHourlyRateUsd">The day's one GPU rate (USD per instance-hour), used for the estimated cost and the break-even alike; null when unknown.</param>
/// <param name="GpuRateBasis">Where that rate came from: actual-cost-per-running-hour, retail-price, price-book, catalog or unknown.</param>
/// <param name="CalcVersion">The calculation version that produced the row.</param>
/// <param name="RunId">The run that wrote the row.</param>
/// <param name="ComputedAt">When the row was computed.</param>
public sealed record DailyTcoRow(
    string WorkloadId,
    DateOnly Day,
    decimal? GpuHours,
    decimal? GpuCostUsd,
    string CostBasis,
    decimal RecurringUsd,
    decimal RetrainUsd,
    decimal AmortizedUsd,
    decimal? SelfHostedCostUsd,
    decimal? Requests,
    decimal? InputTokens,
    decimal? OutputTokens,
    decimal? ApiRequests,
    decimal? ApiEquivalentCostUsd,
    decimal? ApiActualCostUsd,
    decimal? SavingsUsd,
    decimal? BreakEvenRequestsPerMonth,
    decimal? ProjectedRequestsPerMonth,
    decimal? DemandRatio,
    bool NeverBreaksEven,
    bool CapacityExceeded,
    decimal Completeness,
    string CompletenessDetail,
    double? GpuUtilizationPercent,
    decimal? MeanTokensPerSecondPerInstance,
    decimal? P95TokensPerSecondPerInstance,
    string PriceSource,
    DateTimeOffset? PricesAsOf,
    decimal? GpuHourlyRateUsd,
    string GpuRateBasis,
    int CalcVersion,
    string RunId,
    DateTimeOffset ComputedAt)
{
    public static DailyTcoRow From(DailyTcoRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tco = record.Tco;
        return new DailyTcoRow(
            record.WorkloadId,
            tco.Day,
            ApiNumbers.Round(tco.GpuHours, ApiNumbers.Money),
            ApiNumbers.Round(tco.GpuCost?.Usd, ApiNumbers.Money),
            CostBasisName(tco.CostBasis),
            ApiNumbers.Round(tco.Recurring.Usd, ApiNumbers.Money),
            ApiNumbers.Round(tco.Retrain.Usd, ApiNumbers.Money),
            ApiNumbers.Round(tco.Amortized.Usd, ApiNumbers.Money),
            ApiNumbers.Round(tco.SelfHostedCost?.Usd, ApiNumbers.Money),
            ApiNumbers.Round(tco.Requests, 0),
            ApiNumbers.Round(tco.InputTokens, 0),
            ApiNumbers.Round(tco.OutputTokens, 0),
            ApiNumbers.Round(tco.ApiRequests, 0),
            ApiNumbers.Round(tco.ApiEquivalentCost?.Usd, ApiNumbers.Money),
            ApiNumbers.Round(tco.ApiActualCost?.Usd, ApiNumbers.Money),
            ApiNumbers.Round(tco.Savings?.Usd, ApiNumbers.Money),
            ApiNumbers.Round(tco.BreakEvenRequestsPerMonth, ApiNumbers.Volume),
            ApiNumbers.Round(tco.ProjectedRequestsPerMonth, ApiNumbers.Volume),
            ApiNumbers.Round(tco.DemandRatio, ApiNumbers.Ratio),
            tco.NeverBreaksEven,
            tco.CapacityExceeded,
            ApiNumbers.Round(tco.Completeness, ApiNumbers.Ratio),
            record.CompletenessDetail,
            record.GpuUtilizationPercent is { } utilization ? Math.Round(utilization, 2) : null,
            ApiNumbers.Round(tco.MeanTokensPerSecondPerInstance, 2),
            ApiNumbers.Round(tco.PeakTokensPerSecondPerInstance, 2),
            record.PriceSource.Name(),
            record.PricesAsOf,
            ApiNumbers.Round(tco.GpuHourlyRate?.UsdPerHour, ApiNumbers.Money),
            tco.GpuRateBasis.Name(),
            record.CalcVersion,
            record.RunId,
            record.ComputedAt);
    }

    /// <summary>The same names the table stores.</summary>
    public static string CostBasisName(CostBasis basis) => basis switch
    {
        Domain.Observed.CostBasis.AmortizedActual => "amortized-actual",
        Domain.Observed.CostBasis.Estimated => "estimated",
        _ => "unknown",
    };
}
