using CostOps.Application.Catalog;
using CostOps.Application.PriceBook;
using CostOps.Application.Results;
using CostOps.Application.WhatIf;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;

namespace CostOps.Application.Tests.WhatIf;

public sealed class ObservedScenarioTests
{
    private static readonly Domain.Pricing.PriceBook s_book = PriceBookReader.LoadDefault();

    private static WorkloadDefinition Workload(string goLive = "2026-01-01", string amortization = "1") =>
        WorkloadCatalogReader.Parse($$"""
            { "workloads": [ { "id": "w", "goLive": "{{goLive}}",
              "selfHosted": { "tagSelector": { "app": "w" }, "gpuHourly": 4, "tokensPerSecondPerInstance": 2000 },
              "api": { "inputPerMTok": 2, "outputPerMTok": 8 },
              "oneOff": { "training": 3000 }, "amortizationMonths": {{amortization}} } ] }
            """, s_book, null, "catalog").Workloads[0];

    private static DailyTcoRecord Row(DateOnly day, decimal? requests, decimal? gpuCost = 100m, decimal? apiRequests = null) =>
        new("w",
            new DailyTco(day, 20m, gpuCost is { } c ? new Money(c) : null, CostBasis.AmortizedActual, Money.Zero, Money.Zero, Money.Zero, null,
                requests, requests * 500m, requests * 100m, apiRequests, null, null, null, null, null, null, false, false, 1m),
            null, PriceSource.ActualCost, null, "", 1, "run", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Traffic_CountsOnlyDaysWithADemandFigure_AndGpuHourlyIsCostOverHours()
    {
        var days = DayRange.Trailing(new DateOnly(2026, 1, 7), 7);
        var rows = new[]
        {
            Row(new DateOnly(2026, 1, 5), 1_000m, gpuCost: 100m, apiRequests: 200m),
            Row(new DateOnly(2026, 1, 6), null, gpuCost: null),
            Row(new DateOnly(2026, 1, 7), 3_000m, gpuCost: 60m),
        };

        var observed = ObservedScenario.From(Workload(), days, rows);

        var traffic = observed.Scenario["traffic"]!;
        Assert.Equal(Math.Round(4_200m / 2m * BillingCalendar.DaysPerMonth, 2), traffic["requestsPerMonth"]!.GetValue<decimal>());
        Assert.Equal(500m, traffic["inputTokensPerRequest"]!.GetValue<decimal>());
        Assert.Equal(100m, traffic["outputTokensPerRequest"]!.GetValue<decimal>());
        Assert.Equal(4m, observed.Scenario["selfHosted"]!["gpuHourly"]!.GetValue<decimal>());
        Assert.Equal(("observed", 3, 2), (observed.Window.GpuHourlySource, observed.Window.DaysWithRows, observed.Window.DaysWithDemand));
        Assert.Empty(observed.Unmeasured);
    }

    [Fact]
    public void TheOneOffCost_IsLeftOut_OnceItsAmortizationHasEnded()
    {
        var amortizing = ObservedScenario.From(Workload(goLive: "2026-01-01", amortization: "12"), DayRange.Trailing(new DateOnly(2026, 3, 1), 7), []);
        var paidOff = ObservedScenario.From(Workload(goLive: "2026-01-01", amortization: "1"), DayRange.Trailing(new DateOnly(2026, 3, 1), 7), []);

        Assert.NotNull(amortizing.Scenario["selfHosted"]!["oneOff"]);
        Assert.Null(paidOff.Scenario["selfHosted"]!["oneOff"]);
    }

    [Fact]
    public void Apply_SaysWhatWasNotMeasured_WhenTheRequestDoesNotGiveIt()
    {
        var observed = ObservedScenario.From(Workload(), DayRange.Trailing(new DateOnly(2026, 1, 7), 7), []);

        var error = Assert.Throws<DomainValidationException>(() => observed.Apply([], s_book, out _));

        Assert.Equal(["traffic.inputTokensPerRequest", "traffic.outputTokensPerRequest", "traffic.requestsPerMonth"], error.Errors.Select(e => e.Field).Order());
        Assert.All(error.Errors, e => Assert.StartsWith("was not measured for workload 'w' in 2026-01-01..2026-01-07", e.Message, StringComparison.Ordinal));
    }
}
