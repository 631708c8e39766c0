using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;
using FsCheck;
using FsCheck.Fluent;

namespace CostOps.Domain.Tests.WhatIf;

/// <summary>Monotonicity over random scenarios (FsCheck.Xunit is not obtainable: properties run through QuickCheckThrowOnFailure).</summary>
public sealed class BreakEvenPropertyTests
{
    private static readonly Gen<WhatIfScenario> s_scenarios =
        from requests in Gen.Choose(0, 5_000_000)
        from input in Gen.Choose(1, 4000)
        from output in Gen.Choose(1, 2000)
        from inputCents in Gen.Choose(0, 2000)
        from outputCents in Gen.Choose(0, 8000)
        from overhead in Gen.Choose(0, 2000)
        from fixedApi in Gen.Choose(0, 3000)
        from hourlyCents in Gen.Choose(10, 10_000)
        from min in Gen.Choose(1, 3)
        from extra in Gen.Choose(0, 5)
        from throughput in Gen.Choose(10, 10_000)
        from utilizationPercent in Gen.Choose(10, 100)
        from peakTenths in Gen.Choose(10, 40)
        from recurring in Gen.Choose(0, 5000)
        select new WhatIfScenario(
            new TrafficProfile(requests, input, output, PeakToAverage: peakTenths / 10m),
            new ApiOption(new PricePerMTok(inputCents / 100m), new PricePerMTok(outputCents / 100m), null, overhead, 1m, new Money(fixedApi)),
            Scenarios.SelfHosted(hourlyCents / 100m, min, min + extra, throughput, utilizationPercent / 100m) with
            {
                RecurringMonthly = Scenarios.Recurring(recurring),
            });

    private static readonly Gen<decimal> s_factors = Gen.Choose(100, 400).Select(p => p / 100m);

    [Fact]
    public void MoreApiPrice_NeverRaisesBreakEven()
    {
        Prop.ForAll(
            Arb.From(s_scenarios),
            Arb.From(s_factors),
            (scenario, factor) =>
            {
                var dearer = scenario with { Api = scenario.Api with { PriceMultiplier = factor } };
                return AtMost(BreakEven(dearer), BreakEven(scenario));
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MoreGpuPrice_NeverLowersBreakEven()
    {
        Prop.ForAll(
            Arb.From(s_scenarios),
            Arb.From(s_factors),
            (scenario, factor) =>
            {
                var dearer = scenario with
                {
                    SelfHosted = scenario.SelfHosted with { GpuHourly = new HourlyRate(scenario.SelfHosted.GpuHourly.UsdPerHour * factor) },
                };
                return AtMost(BreakEven(scenario), BreakEven(dearer));
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AtBreakEven_SelfHostingCostsNoMoreThanTheApi()
    {
        Prop.ForAll(
            Arb.From(s_scenarios),
            scenario =>
            {
                var breakEven = BreakEvenCalculator.Evaluate(scenario).BreakEvenRequestsPerMonth;
                if (breakEven is not { } r)
                {
                    return true;
                }
                var atBreakEven = BreakEvenCalculator.Evaluate(scenario with { Traffic = scenario.Traffic with { RequestsPerMonth = r } });
                return atBreakEven.MonthlySavings.Usd >= -0.000001m;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Tco3Years_IsTheSumOfEachMonthsCosts_WhenDemandGrowsOrShrinks()
    {
        // The TCO walks the capacity bands month to month instead of dividing; this checks it against
        // docs/economics.md's definition: every month costs what a scenario at that month's volume costs.
        var growing =
            from scenario in s_scenarios
            from growthPercent in Gen.Choose(-20, 30)
            select scenario with { Traffic = scenario.Traffic with { GrowthPerMonth = growthPercent / 100m } };
        Prop.ForAll(
            Arb.From(growing),
            scenario =>
            {
                var tco = BreakEvenCalculator.Evaluate(scenario).Tco3Years;
                var self = scenario.SelfHosted.OneOff.Total;
                var api = Money.Zero;
                var requests = scenario.Traffic.RequestsPerMonth;
                for (var month = 1; month <= BreakEvenCalculator.TcoMonths; month++)
                {
                    var thatMonth = BreakEvenCalculator.Evaluate(scenario with { Traffic = scenario.Traffic with { RequestsPerMonth = requests } });
                    self += thatMonth.SelfHostedMonthlyCost - scenario.SelfHosted.AmortizedMonthly;
                    api += thatMonth.ApiMonthlyCost;
                    requests *= 1m + scenario.Traffic.GrowthPerMonth;
                }
                return Close(tco.SelfHosted.Usd, self.Usd) && Close(tco.Api.Usd, api.Usd);
            })
            .QuickCheckThrowOnFailure();
    }

    private static bool Close(decimal actual, decimal expected) => Math.Abs(actual - expected) <= 0.000001m * Math.Max(1m, Math.Abs(expected));

    /// <summary>Null means "never" (+infinity). A tiny tolerance absorbs decimal division rounding.</summary>
    private static bool AtMost(decimal? lower, decimal? higher) => (lower, higher) switch
    {
        (_, null) => true,
        (null, _) => false,
        ({ } a, { } b) => a <= b + 0.000001m * Math.Max(1m, b),
    };

    private static decimal? BreakEven(WhatIfScenario scenario) => BreakEvenCalculator.Evaluate(scenario).BreakEvenRequestsPerMonth;
}
