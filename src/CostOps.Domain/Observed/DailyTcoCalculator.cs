using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Observed;

/// <summary>
/// Turns a day of telemetry into the observed TCO row: the day's own arithmetic (GPU cost,
/// recurring, retraining, amortization, API-equivalent cost, savings) and the break-even and
/// demand ratio from the trailing window's observed profile.
/// </summary>
public static class DailyTcoCalculator
{
    /// <summary>Days of history that make the "projected monthly demand" (docs/economics.md default).</summary>
    public const int DefaultTrailingDays = 7;

    /// <param name="economics">The workload's standing cost terms.</param>
    /// <param name="window">The trailing window, oldest first, ending with the day to compute; days may be missing.</param>
    public static DailyTco Compute(WorkloadEconomics economics, IReadOnlyList<DailyObservation> window)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(window);
        if (window.Count == 0)
        {
            throw new ArgumentException("the window must hold at least the day to compute", nameof(window));
        }
        var today = window[^1];
        var rate = GpuRate.Of(today, economics);
        var (gpuCost, basis) = GpuCost(today, rate);
        var recurring = economics.RecurringPerDay;
        var retrain = economics.RetrainPerDay;
        var amortized = economics.AmortizedOn(today.Day);
        Money? selfHosted = gpuCost is { } gpu ? gpu + recurring + retrain + amortized : null;
        var apiEquivalent = ApiEquivalentCost(economics.Api, today);
        Money? savings = apiEquivalent is { } api && selfHosted is { } self ? api - self : null;

        var profile = ObservedProfile.From(economics, window);
        var whatIf = profile?.Evaluate();

        return new DailyTco(
            Day: today.Day,
            GpuHours: today.GpuHours,
            GpuCost: gpuCost,
            CostBasis: basis,
            Recurring: recurring,
            Retrain: retrain,
            Amortized: amortized,
            SelfHostedCost: selfHosted,
            Requests: today.Requests,
            InputTokens: today.InputTokens,
            OutputTokens: today.OutputTokens,
            ApiRequests: today.ApiRequests,
            ApiEquivalentCost: apiEquivalent,
            ApiActualCost: today.ApiActualCost ?? ApiActualFromTokens(economics.Api, today),
            Savings: savings,
            BreakEvenRequestsPerMonth: whatIf?.BreakEvenRequestsPerMonth,
            ProjectedRequestsPerMonth: profile?.ProjectedRequestsPerMonth,
            DemandRatio: whatIf?.BreakEvenRequestsPerMonth is { } breakEven && breakEven > 0m && profile is not null
                ? profile.ProjectedRequestsPerMonth / breakEven
                : null,
            NeverBreaksEven: whatIf?.NeverBreaksEven ?? false,
            CapacityExceeded: whatIf?.CapacityExceeded ?? false,
            Completeness: today.Completeness,
            GpuHourlyRate: rate?.Rate,
            GpuRateBasis: rate?.Basis ?? GpuRateBasis.Unknown,
            MeanTokensPerSecondPerInstance: today.MeanTokensPerSecondPerInstance,
            PeakTokensPerSecondPerInstance: today.PeakTokensPerSecondPerInstance);
    }

    /// <summary>
    /// Actual amortized cost wins; else running hours x the day's one rate; else unknown (never zero). With both
    /// actual cost and hours known, the rate is that cost per hour, so hours x rate is the actual cost again.
    /// </summary>
    internal static (Money? Cost, CostBasis Basis) GpuCost(DailyObservation day, GpuRate? rate) =>
        (day, rate) switch
        {
            ({ ActualGpuCost: { } actual }, _) => (actual, CostBasis.AmortizedActual),
            ({ GpuHours: { } hours }, { } known) => (known.Rate.For(hours), CostBasis.Estimated),
            _ => (null, CostBasis.Unknown),
        };

    /// <summary>What the self-hosted traffic would have cost on the API: per request, with overhead and multiplier.</summary>
    internal static Money? ApiEquivalentCost(ApiOption api, DailyObservation day)
    {
        if (day is not { Requests: { } requests, InputTokens: { } input, OutputTokens: { } output })
        {
            return null;
        }
        if (requests == 0m)
        {
            return Money.Zero + api.EffectiveFixedMonthly / BillingCalendar.DaysPerMonth;
        }
        var traffic = new TrafficProfile(requests, input / requests, output / requests);
        return api.CostPerRequest(traffic) * requests + api.EffectiveFixedMonthly / BillingCalendar.DaysPerMonth;
    }

    private static Money? ApiActualFromTokens(ApiOption api, DailyObservation day)
    {
        if (day is not { ApiRequests: { } requests, ApiInputTokens: { } input, ApiOutputTokens: { } output })
        {
            return null;
        }
        // Provider-reported tokens already include the prompt overhead: price them as they are.
        var tokens = api.InputPerMTok.CostOf(input) + api.OutputPerMTok.CostOf(output);
        return requests == 0m && input == 0m && output == 0m ? Money.Zero : tokens * api.PriceMultiplier;
    }
}
