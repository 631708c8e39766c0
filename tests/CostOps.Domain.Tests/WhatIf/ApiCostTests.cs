using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.WhatIf;

public sealed class ApiCostTests
{
    [Fact]
    public void CostPerRequest_AppliesOverheadCachedShareAndMultiplier()
    {
        // a = m * [ (i + p) * ((1 - c) * Pin + c * Pc) + o * Pout ] / 1e6
        var traffic = new TrafficProfile(1m, 1000m, 200m, CachedInputShare: 0.25m);
        var api = new ApiOption(new PricePerMTok(2m), new PricePerMTok(10m), new PricePerMTok(0.5m), PromptOverheadTokensPerRequest: 600m, PriceMultiplier: 1.1m);

        var expected = 1.1m * ((1600m * (0.75m * 2m + 0.25m * 0.5m)) + 200m * 10m) / 1_000_000m;
        Assert.Equal(expected, api.CostPerRequest(traffic).Usd);
    }

    [Fact]
    public void CachedPrice_DefaultsToInputPrice()
    {
        var traffic = new TrafficProfile(1m, 1000m, 0m, CachedInputShare: 0.5m);
        var api = new ApiOption(new PricePerMTok(3m), new PricePerMTok(0m));

        Assert.Equal(0.003m, api.CostPerRequest(traffic).Usd);
    }

    [Fact]
    public void ApiMonthly_AddsTheFixedFee()
    {
        var scenario = Scenarios.Seed() with { Api = Scenarios.Seed().Api with { FixedMonthly = new Money(1241m) } };

        var result = BreakEvenCalculator.Evaluate(scenario);

        Assert.Equal(100_000m * 0.01m + 1241m, result.ApiMonthlyCost.Usd);
    }
}
