using CostOps.Domain.Pricing;

namespace CostOps.Domain.Observed;

/// <summary>
/// What telemetry said about one workload on one UTC day. Every figure is nullable: null means
/// "unknown" (the source was missing or incomplete), never zero.
/// </summary>
/// <param name="GpuHours">Instance-hours the self-hosted fleet was running (billed).</param>
/// <param name="ActualGpuCost">Amortized cost from Cost Management for the fleet's resources.</param>
/// <param name="ListHourlyRate">The hourly list price in force that day (Retail Prices or price book).</param>
/// <param name="Requests">Requests served by the self-hosted model.</param>
/// <param name="PeakTokensPerSecondPerInstance">Measured p95 tokens/s of one running instance.</param>
/// <param name="ApiRequests">Requests this workload sent to the API instead.</param>
/// <param name="ApiActualCost">What the API traffic cost, from the provider's cost API.</param>
/// <param name="Completeness">Share of expected telemetry points that arrived, 0..1.</param>
/// <param name="ListRateBasis">Where <paramref name="ListHourlyRate"/> came from (retail price, price book or catalog).</param>
/// <param name="MeanTokensPerSecondPerInstance">Measured mean tokens/s of one running instance.</param>
public sealed record DailyObservation(
    DateOnly Day,
    decimal? GpuHours,
    Money? ActualGpuCost,
    HourlyRate? ListHourlyRate,
    decimal? Requests,
    decimal? InputTokens,
    decimal? OutputTokens,
    decimal? PeakTokensPerSecondPerInstance,
    decimal? ApiRequests,
    decimal? ApiInputTokens,
    decimal? ApiOutputTokens,
    Money? ApiActualCost,
    decimal Completeness,
    GpuRateBasis ListRateBasis = GpuRateBasis.PriceBook,
    decimal? MeanTokensPerSecondPerInstance = null);
