using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.Observed;

public sealed class DailyTcoCalculatorTests
{
    private static readonly DateOnly s_goLive = new(2026, 1, 1);

    private static WorkloadEconomics Economics(decimal oneOff = 3650m, decimal amortizationMonths = 12m) => new(
        GoLive: s_goLive,
        OneOff: Scenarios.OneOff(oneOff),
        AmortizationMonths: amortizationMonths,
        Recurring: Scenarios.Recurring(304.16667m),
        Retraining: new RetrainingPlan(new Money(912.5m), 3m),
        Api: new ApiOption(new PricePerMTok(2.5m), new PricePerMTok(15m)),
        Instances: new InstanceRange(1, 1),
        TargetUtilization: 0.8m,
        PlannedTokensPerSecondPerInstance: 2500m,
        ListHourlyRate: new HourlyRate(1m));

    private static DailyObservation Day(
        DateOnly day,
        decimal? requests = 3000m,
        decimal? hours = 24m,
        decimal? actualCost = null,
        decimal? apiRequests = 0m,
        decimal completeness = 1m) => new(
        Day: day,
        GpuHours: hours,
        ActualGpuCost: actualCost is { } c ? new Money(c) : null,
        ListHourlyRate: new HourlyRate(1m),
        Requests: requests,
        InputTokens: requests * 1000m,
        OutputTokens: requests * 500m,
        PeakTokensPerSecondPerInstance: 400m,
        ApiRequests: apiRequests,
        ApiInputTokens: apiRequests * 1000m,
        ApiOutputTokens: apiRequests * 500m,
        ApiActualCost: null,
        Completeness: completeness);

    [Fact]
    public void DailyShares_AreMonthlyAmountsOverTheBillingMonthsDays()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(new DateOnly(2026, 2, 1))]);

        Assert.Equal(304.16667m / BillingCalendar.DaysPerMonth, row.Recurring.Usd);
        Assert.Equal(912.5m / 3m / BillingCalendar.DaysPerMonth, row.Retrain.Usd);
        Assert.Equal(3650m / (12m * BillingCalendar.DaysPerMonth), row.Amortized.Usd);
    }

    [Fact]
    public void Amortization_StopsAfterTheWindow_AndAddsUpToTheOneOff()
    {
        var economics = Economics(oneOff: 3650m, amortizationMonths: 12m);
        var window = new DayRange(s_goLive.AddDays(-10), s_goLive.AddDays(400));

        var total = window.EachDay().Sum(d => economics.AmortizedOn(d).Usd);

        Assert.Equal(Money.Zero, economics.AmortizedOn(s_goLive.AddDays(-1)));
        Assert.Equal(Money.Zero, economics.AmortizedOn(economics.AmortizationEnd));
        Assert.NotEqual(Money.Zero, economics.AmortizedOn(economics.AmortizationEnd.AddDays(-1)));
        // 365 whole days of I / 365.0000 each: the total is I to within a cent.
        Assert.Equal(3650m, Math.Round(total, 2));
    }

    [Fact]
    public void ActualCost_WinsOverTheEstimate()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(new DateOnly(2026, 2, 1), actualCost: 19.5m)]);

        Assert.Equal(CostBasis.AmortizedActual, row.CostBasis);
        Assert.Equal(19.5m, row.GpuCost!.Value.Usd);
    }

    [Fact]
    public void WithoutActualCost_HoursTimesListPriceIsTheEstimate()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(new DateOnly(2026, 2, 1), hours: 20m)]);

        Assert.Equal(CostBasis.Estimated, row.CostBasis);
        Assert.Equal(20m, row.GpuCost!.Value.Usd);
        Assert.Equal(20m + row.Recurring.Usd + row.Retrain.Usd + row.Amortized.Usd, row.SelfHostedCost!.Value.Usd);
    }

    [Fact]
    public void UnknownHoursAndCost_AreUnknown_NeverZero()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(new DateOnly(2026, 2, 1), hours: null)]);

        Assert.Equal(CostBasis.Unknown, row.CostBasis);
        Assert.Null(row.GpuCost);
        Assert.Null(row.SelfHostedCost);
        Assert.Null(row.Savings);
    }

    [Fact]
    public void UnknownRequests_LeaveApiEquivalentAndSavingsUnknown()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(new DateOnly(2026, 2, 1), requests: null, apiRequests: null, completeness: 0.4m)]);

        Assert.Null(row.ApiEquivalentCost);
        Assert.Null(row.Savings);
        Assert.Null(row.DemandRatio);
        Assert.Equal(0.4m, row.Completeness);
    }

    [Fact]
    public void ApiEquivalentCost_IsWhatTheSelfHostedTrafficWouldHaveCost()
    {
        var row = DailyTcoCalculator.Compute(Economics(), [Day(new DateOnly(2026, 2, 1), requests: 3000m)]);

        Assert.Equal(30m, row.ApiEquivalentCost!.Value.Usd);
        Assert.Equal(30m - row.SelfHostedCost!.Value.Usd, row.Savings!.Value.Usd);
    }

    [Fact]
    public void DemandRatio_IsProjectedMonthlyDemandOverBreakEven()
    {
        // After amortization (no one-off in break-even): 730 + 304.17 + 304.17 per month over a = $0.01.
        var economics = Economics();
        var lastDay = economics.AmortizationEnd.AddDays(10);
        var window = DayRange.Trailing(lastDay, 7).EachDay().Select(d => Day(d, requests: 2000m, apiRequests: 400m)).ToList();

        var row = DailyTcoCalculator.Compute(economics, window);

        var projected = 2400m * BillingCalendar.DaysPerMonth;
        var breakEven = (730m + 304.16667m + 912.5m / 3m) / 0.01m;
        Assert.Equal(projected, row.ProjectedRequestsPerMonth);
        Assert.Equal(breakEven, row.BreakEvenRequestsPerMonth!.Value, 6);
        Assert.Equal(projected / breakEven, row.DemandRatio!.Value, 6);
    }

    [Fact]
    public void MissingDaysInTheWindow_DoNotCountAsQuietDays()
    {
        var economics = Economics();
        var lastDay = economics.AmortizationEnd.AddDays(10);
        var window = DayRange.Trailing(lastDay, 7).EachDay()
            .Select((d, i) => i % 2 == 0 ? Day(d, requests: 2000m) : Day(d, requests: null, apiRequests: null, completeness: 0m))
            .ToList();

        var row = DailyTcoCalculator.Compute(economics, window);

        Assert.Equal(2000m * BillingCalendar.DaysPerMonth, row.ProjectedRequestsPerMonth);
    }

    [Fact]
    public void ActualHourlyRate_FeedsBreakEven()
    {
        // Cost Management says the GPU cost $2/h, not the $1/h list price: break-even doubles its GPU share.
        var economics = Economics() with { Recurring = RecurringCosts.None, Retraining = RetrainingPlan.Never };
        var lastDay = economics.AmortizationEnd.AddDays(10);
        var window = DayRange.Trailing(lastDay, 7).EachDay().Select(d => Day(d, actualCost: 48m)).ToList();

        var row = DailyTcoCalculator.Compute(economics, window);

        Assert.Equal(146_000m, row.BreakEvenRequestsPerMonth);
    }
}
