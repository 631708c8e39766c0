using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.WhatIf;

public sealed class PaybackAndTcoTests
{
    [Fact]
    public void Payback_IsOneOffOverMonthlyGainBeforeAmortization()
    {
        // gain = apiMonthly - (selfMonthly - amortized) = 1,000 - 730 = 270; 2,700 / 270 = 10 months.
        var scenario = Scenarios.Seed() with
        {
            SelfHosted = Scenarios.SelfHosted() with { OneOff = Scenarios.OneOff(2700m), AmortizationMonths = 12m },
        };

        var result = BreakEvenCalculator.Evaluate(scenario);

        Assert.Equal(10m, result.PaybackMonths);
        Assert.Equal(730m + 225m, result.SelfHostedMonthlyCost.Usd);
    }

    [Fact]
    public void Payback_IsNull_WhenItNeverPaysBack()
    {
        var scenario = Scenarios.Seed(requests: 50_000m) with
        {
            SelfHosted = Scenarios.SelfHosted() with { OneOff = Scenarios.OneOff(2700m) },
        };

        Assert.Null(BreakEvenCalculator.Evaluate(scenario).PaybackMonths);
    }

    [Fact]
    public void SelfMonthly_AddsRecurringRetrainingAndAmortization()
    {
        var scenario = Scenarios.Seed() with
        {
            SelfHosted = Scenarios.SelfHosted() with
            {
                RecurringMonthly = Scenarios.Recurring(10m, 20m, 30m, 40m),
                Retraining = new RetrainingPlan(new Domain.Pricing.Money(600m), 3m),
                OneOff = Scenarios.OneOff(1200m),
                AmortizationMonths = 24m,
            },
        };

        // 730 + 100 + 200 + 50
        Assert.Equal(1080m, BreakEvenCalculator.Evaluate(scenario).SelfHostedMonthlyCost.Usd);
    }

    [Fact]
    public void Tco3Years_WithoutGrowth_IsThirtySixMonthsPlusTheOneOff()
    {
        var scenario = Scenarios.Seed() with
        {
            SelfHosted = Scenarios.SelfHosted() with { OneOff = Scenarios.OneOff(5000m), AmortizationMonths = 12m },
        };

        var tco = BreakEvenCalculator.Evaluate(scenario).Tco3Years;

        Assert.Equal(5000m + 36m * 730m, tco.SelfHosted.Usd);
        Assert.Equal(36m * 1000m, tco.Api.Usd);
    }

    [Fact]
    public void Tco3Years_WithGrowth_CompoundsDemandAndAddsInstances()
    {
        // C = 3,504,000 with the seed; 3,000,000 requests growing 10%/month need a second instance from month 3
        // (3.63M) and a third from month 11 (7.07M), capped at max 3.
        var scenario = Scenarios.Seed(requests: 3_000_000m) with
        {
            Traffic = new TrafficProfile(3_000_000m, 1000m, 500m, GrowthPerMonth: 0.10m),
            SelfHosted = Scenarios.SelfHosted(min: 1, max: 3),
        };

        var tco = BreakEvenCalculator.Evaluate(scenario).Tco3Years;

        decimal api = 0m, self = 0m, requests = 3_000_000m;
        for (var month = 1; month <= 36; month++)
        {
            api += requests * 0.01m;
            self += Math.Clamp(Math.Ceiling(requests / 3_504_000m), 1m, 3m) * 730m;
            requests *= 1.10m;
        }
        Assert.Equal(api, tco.Api.Usd);
        Assert.Equal(self, tco.SelfHosted.Usd);
        Assert.True(tco.SelfHosted.Usd > 36m * 730m, "growth must add instances");
    }

    [Fact]
    public void QualityAdjusted_DividesCostByCorrectAnswers()
    {
        var scenario = Scenarios.Seed() with { Quality = new QualityProfile(0.78m, 0.41m) };

        var quality = BreakEvenCalculator.Evaluate(scenario).QualityAdjusted!;

        Assert.Equal(730m / (100_000m * 0.78m), quality.SelfHostedPerSuccessfulRequest!.Value.Usd);
        Assert.Equal(1000m / (100_000m * 0.41m), quality.ApiPerSuccessfulRequest!.Value.Usd);
    }
}
