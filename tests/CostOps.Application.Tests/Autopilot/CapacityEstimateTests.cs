using CostOps.Application.Autopilot;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.Tests.Autopilot;

public sealed class CapacityEstimateTests
{
    private static WorkloadEconomics Economics(decimal? tokensPerSecond) => new(
        new DateOnly(2026, 1, 1), OneOffCosts.None, 12m, RecurringCosts.None, RetrainingPlan.Never,
        new ApiOption(new PricePerMTok(2.5m), new PricePerMTok(10m)), new InstanceRange(1, 4), 0.8m, tokensPerSecond, new HourlyRate(1m));

    private static DailyTco Night(int day, decimal? requests, decimal? input, decimal? output, decimal? p95 = null) => new(
        new DateOnly(2026, 11, day), 24m, null, CostBasis.Unknown, Money.Zero, Money.Zero, Money.Zero, null,
        requests, input, output, null, null, null, null, null, null, null, false, false, 1m, PeakTokensPerSecondPerInstance: p95);

    [Fact]
    public void Capacity_IsThroughputTimesUtilizationAndHours_OverTheWindowsTokensPerRequest()
    {
        // (1,000 + 500) tokens per request over two nights; C = 2,500 x 0.8 x 730 x 3,600 / 1,500.
        var window = new[] { Night(20, 100m, 100_000m, 50_000m), Night(21, 300m, 300_000m, 150_000m) };

        var estimate = CapacityEstimate.PerInstance(Economics(2500m), window);

        Assert.Equal(3_504_000m, estimate?.RequestsPerMonth);
        Assert.Equal(new InstanceThroughput(2500m, ThroughputBasis.Catalog, 0.8m), estimate?.Throughput);
    }

    [Fact]
    public void Capacity_IsUnknown_WithoutAPlannedOrAMeasuredThroughput()
    {
        Assert.Null(CapacityEstimate.PerInstance(Economics(null), [Night(21, 100m, 100_000m, 50_000m)]));
    }

    [Fact]
    public void WithoutAPlannedThroughput_TheWindowsHighestMeasuredP95IsUsed()
    {
        // Unknown and zero p95s (a paused night) do not count; the highest measured, 1,250 tokens/s, sizes the instance.
        var window = new[] { Night(19, 100m, 100_000m, 50_000m, 900m), Night(20, 300m, 300_000m, 150_000m, 1_250m), Night(21, 0m, 0m, 0m, 0m), Night(22, null, null, null) };

        var estimate = CapacityEstimate.PerInstance(Economics(null), window);

        Assert.Equal(1_250m * 0.8m * 730m * 3_600m / 1_500m, estimate?.RequestsPerMonth);
        Assert.Equal(new InstanceThroughput(1_250m, ThroughputBasis.MeasuredP95, 0.8m, MeasuredNights: 2), estimate?.Throughput);
    }

    [Fact]
    public void APlannedThroughput_WinsOverTheMeasuredOne()
    {
        var throughput = CapacityEstimate.Throughput(Economics(2500m), [Night(21, 100m, 100_000m, 50_000m, 9_000m)]);

        Assert.Equal(ThroughputBasis.Catalog, throughput?.Basis);
        Assert.Equal(2500m, throughput?.TokensPerSecond);
    }

    [Fact]
    public void Capacity_IsUnknown_WhenNoNightServedSelfHostedRequestsWithKnownTokens()
    {
        var paused = new[] { Night(20, 0m, 0m, 0m), Night(21, null, null, null), Night(19, 100m, null, 50_000m) };

        Assert.Null(CapacityEstimate.PerInstance(Economics(2500m), paused));
    }
}
