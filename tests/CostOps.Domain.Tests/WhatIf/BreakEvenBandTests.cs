using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.WhatIf;

public sealed class BreakEvenBandTests
{
    // C = 43,800 requests/month per instance (T 100 tok/s, u 0.5, k 2, 1,500 tokens/request); a = $0.01.
    private static WhatIfScenario Banded(decimal hourly, decimal recurringMonthly = 0m, int max = 4, decimal fixedApi = 0m) =>
        new(
            new TrafficProfile(50_000m, 1000m, 500m, PeakToAverage: 2m),
            new ApiOption(new PricePerMTok(2.5m), new PricePerMTok(15m), FixedMonthly: new Money(fixedApi)),
            Scenarios.SelfHosted(hourly, 1, max, tokensPerSecond: 100m, utilization: 0.5m) with
            {
                RecurringMonthly = Scenarios.Recurring(recurringMonthly),
            });

    [Fact]
    public void BreakEven_FallsInALaterBand_WhenTheFirstInstanceCannotCarryTheFixedCost()
    {
        // Band 1: (219 + 300) / 0.01 = 51,900 > 43,800. Band 2: (438 + 300) / 0.01 = 73,800 in (43,800, 87,600].
        var result = BreakEvenCalculator.Evaluate(Banded(hourly: 0.3m, recurringMonthly: 300m));

        Assert.Equal(73_800m, result.BreakEvenRequestsPerMonth);
    }

    [Fact]
    public void BreakEven_IsNull_WhenInstanceValueBelowItsCost()
    {
        // Each instance's API-equivalent value C * a = 438 is below its cost h * H = 730.
        var result = BreakEvenCalculator.Evaluate(Banded(hourly: 1m));

        Assert.Null(result.BreakEvenRequestsPerMonth);
        Assert.Null(result.BreakEvenTokensPerMonth);
        Assert.Null(result.UtilizationAtBreakEven);
        Assert.True(result.NeverBreaksEven);
    }

    [Fact]
    public void BreakEven_IsNull_WhenTheApiCostsNothingPerRequest()
    {
        var scenario = Scenarios.Seed(inputPerMTok: 0m, outputPerMTok: 0m);

        Assert.Null(BreakEvenCalculator.Evaluate(scenario).BreakEvenRequestsPerMonth);
    }

    [Fact]
    public void BreakEven_IsNull_WhenOnlyBeyondMaxInstances()
    {
        // Qualifies in band 2 (see above) but max is 1.
        var result = BreakEvenCalculator.Evaluate(Banded(hourly: 0.3m, recurringMonthly: 300m, max: 1));

        Assert.Null(result.BreakEvenRequestsPerMonth);
    }

    [Fact]
    public void BreakEven_IsZero_WhenTheFixedApiFeeAloneExceedsSelfHosting()
    {
        var result = BreakEvenCalculator.Evaluate(Banded(hourly: 1m, fixedApi: 1000m));

        Assert.Equal(0m, result.BreakEvenRequestsPerMonth);
        Assert.Equal(0m, result.UtilizationAtBreakEven);
    }

    [Fact]
    public void BreakEven_OnTheBandEdge_BelongsToThatBand()
    {
        // Band 1 candidate exactly at C: (438 + M) / 0.01 = 43,800 when M = 0 and h = 0.6.
        var result = BreakEvenCalculator.Evaluate(Banded(hourly: 0.6m));

        Assert.Equal(43_800m, result.BreakEvenRequestsPerMonth);
        Assert.Equal(1m, result.UtilizationAtBreakEven! * 2m);
    }

    [Fact]
    public void UtilizationAtBreakEven_IsTheShareOfRawThroughputAtPeak()
    {
        // 73,000 * 1,500 * 1 / (1 * 2,500 * 730 * 3,600)
        var result = BreakEvenCalculator.Evaluate(Scenarios.Seed());

        Assert.Equal(73_000m * 1500m / (2500m * 730m * 3600m), result.UtilizationAtBreakEven!.Value, 12);
    }
}
