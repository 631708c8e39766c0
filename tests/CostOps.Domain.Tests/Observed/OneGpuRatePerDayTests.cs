using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.Observed;

/// <summary>One hourly GPU rate per workload-day prices its estimated GPU cost and its break-even alike.</summary>
public sealed class OneGpuRatePerDayTests
{
    private static readonly DateOnly s_day = new(2027, 3, 10);

    private static WorkloadEconomics Economics(decimal? listRate = 6.98m, GpuRateBasis basis = GpuRateBasis.PriceBook) => new(
        GoLive: new DateOnly(2026, 1, 1),
        OneOff: OneOffCosts.None,
        AmortizationMonths: 12m,
        Recurring: RecurringCosts.None,
        Retraining: RetrainingPlan.Never,
        Api: new ApiOption(new PricePerMTok(2.5m), new PricePerMTok(15m)),
        Instances: new InstanceRange(1, 1),
        TargetUtilization: 0.8m,
        PlannedTokensPerSecondPerInstance: 2500m,
        ListHourlyRate: listRate is { } r ? new HourlyRate(r) : null,
        ListRateBasis: basis);

    private static DailyObservation Day(decimal? hours, decimal? actualCost, decimal? listRate = 6.98m, GpuRateBasis listBasis = GpuRateBasis.RetailPrice) => new(
        Day: s_day,
        GpuHours: hours,
        ActualGpuCost: actualCost is { } c ? new Money(c) : null,
        ListHourlyRate: listRate is { } r ? new HourlyRate(r) : null,
        Requests: 3000m,
        InputTokens: 3_000_000m,
        OutputTokens: 1_500_000m,
        PeakTokensPerSecondPerInstance: 400m,
        ApiRequests: 0m,
        ApiInputTokens: 0m,
        ApiOutputTokens: 0m,
        ApiActualCost: null,
        Completeness: 1m,
        ListRateBasis: listBasis);

    /// <summary>Break-even of a one-instance workload without other costs: h * 730 / a, with a = $0.01 per request.</summary>
    private static decimal BreakEvenAt(decimal hourly) => hourly * BillingCalendar.HoursPerMonth / 0.01m;

    [Fact]
    public void ActualCostAndRunningHours_MakeTheRate_AndTheBreakEvenUsesIt()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(hours: 24m, actualCost: 140.16m)]);

        Assert.Equal(GpuRateBasis.ActualCostPerRunningHour, row.GpuRateBasis);
        Assert.Equal(5.84m, row.GpuHourlyRate!.Value.UsdPerHour);
        Assert.Equal(140.16m, row.GpuCost!.Value.Usd);
        Assert.Equal(BreakEvenAt(5.84m), row.BreakEvenRequestsPerMonth!.Value, 6);
    }

    [Fact]
    public void WithoutActualCost_TheListRatePricesBothTheEstimateAndTheBreakEven()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(hours: 20m, actualCost: null, listRate: 7.2m)]);

        Assert.Equal(GpuRateBasis.RetailPrice, row.GpuRateBasis);
        Assert.Equal(CostBasis.Estimated, row.CostBasis);
        Assert.Equal(20m * 7.2m, row.GpuCost!.Value.Usd);
        Assert.Equal(BreakEvenAt(7.2m), row.BreakEvenRequestsPerMonth!.Value, 6);
    }

    [Fact]
    public void ActualCostWithoutRunningHours_KeepsTheActualCost_AndPricesTheBreakEvenAtTheListRate()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(hours: null, actualCost: 140.16m, listRate: 6.98m, listBasis: GpuRateBasis.PriceBook)]);

        Assert.Equal(CostBasis.AmortizedActual, row.CostBasis);
        Assert.Equal(GpuRateBasis.PriceBook, row.GpuRateBasis);
        Assert.Equal(6.98m, row.GpuHourlyRate!.Value.UsdPerHour);
        Assert.Equal(BreakEvenAt(6.98m), row.BreakEvenRequestsPerMonth!.Value, 6);
    }

    [Fact]
    public void TheBreakEven_UsesTheDaysOwnRate_NotTheWindowsAverage()
    {
        // An older day at list price does not pull the latest day's rate away from its actual cost per hour.
        var window = new[]
        {
            Day(hours: 24m, actualCost: null) with { Day = s_day.AddDays(-1) },
            Day(hours: 24m, actualCost: 120m),
        };

        var row = DailyTcoCalculator.Compute(Economics(), window);

        Assert.Equal(5m, row.GpuHourlyRate!.Value.UsdPerHour);
        Assert.Equal(BreakEvenAt(5m), row.BreakEvenRequestsPerMonth!.Value, 6);
    }

    [Fact]
    public void ZeroRunningHours_DoNotMakeARate_TheListRateApplies()
    {
        var rate = GpuRate.Of(Day(hours: 0m, actualCost: 3m), Economics());

        Assert.Equal(new GpuRate(new HourlyRate(6.98m), GpuRateBasis.RetailPrice), rate);
    }

    [Fact]
    public void NoRateAnywhere_IsUnknown_AndSoIsTheBreakEven()
    {
        var row = DailyTcoCalculator.Compute(Economics(listRate: null), [Day(hours: 24m, actualCost: null, listRate: null)]);

        Assert.Equal(GpuRateBasis.Unknown, row.GpuRateBasis);
        Assert.Null(row.GpuHourlyRate);
        Assert.Null(row.GpuCost);
        Assert.Null(row.BreakEvenRequestsPerMonth);
    }

    [Fact]
    public void WithoutADayListRate_TheWorkloadsOwnRateAndBasisApply()
    {
        var rate = GpuRate.Of(Day(hours: 24m, actualCost: null, listRate: null), Economics(listRate: 2m, basis: GpuRateBasis.Catalog));

        Assert.Equal(new GpuRate(new HourlyRate(2m), GpuRateBasis.Catalog), rate);
    }
}
