using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Observed;

/// <summary>
/// The what-if inputs as the trailing window measured them: average tokens per request, the
/// instance throughput, the actual hourly rate and the projected monthly demand (self-hosted plus
/// API-routed requests, scaled from the window to a billing month).
/// </summary>
public sealed record ObservedProfile(
    WhatIfScenario Scenario,
    decimal ProjectedRequestsPerMonth,
    int DaysWithDemand)
{
    public BreakEvenResult Evaluate() => BreakEvenCalculator.Evaluate(Scenario);

    /// <summary>Null when the window cannot say: no known requests, tokens, throughput or price.</summary>
    public static ObservedProfile? From(WorkloadEconomics economics, IReadOnlyList<DailyObservation> window)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(window);

        // Demand counts only days whose request figures are known; a missing day is not a quiet day.
        decimal requests = 0m, inputTokens = 0m, outputTokens = 0m, requestsWithTokens = 0m;
        var daysWithDemand = 0;
        foreach (var day in window)
        {
            if (day.Requests is null && day.ApiRequests is null)
            {
                continue;
            }
            daysWithDemand++;
            requests += (day.Requests ?? 0m) + (day.ApiRequests ?? 0m);
            if (day is { Requests: > 0m, InputTokens: { } input, OutputTokens: { } output })
            {
                inputTokens += input;
                outputTokens += output;
                requestsWithTokens += day.Requests.Value;
            }
            else if (day is { ApiRequests: > 0m, ApiInputTokens: { } apiInput, ApiOutputTokens: { } apiOutput })
            {
                // Paused days: the API's tokens include the prompt overhead, which the self-hosted prompt does not need.
                var overhead = economics.Api.PromptOverheadTokensPerRequest * day.ApiRequests.Value;
                inputTokens += Math.Max(0m, apiInput - overhead);
                outputTokens += apiOutput;
                requestsWithTokens += day.ApiRequests.Value;
            }
        }
        if (daysWithDemand == 0 || requestsWithTokens == 0m || inputTokens + outputTokens == 0m)
        {
            return null;
        }
        var throughput = economics.PlannedTokensPerSecondPerInstance
            ?? window.Select(d => d.PeakTokensPerSecondPerInstance).Where(t => t > 0m).Max();
        var hourly = ActualHourlyRate(window) ?? economics.ListHourlyRate;
        if (throughput is not { } tokensPerSecond || hourly is not { } rate)
        {
            return null;
        }

        var projected = requests / daysWithDemand * BillingCalendar.DaysPerMonth;
        var amortizing = economics.IsAmortizing(window[^1].Day);
        var scenario = new WhatIfScenario(
            new TrafficProfile(projected, inputTokens / requestsWithTokens, outputTokens / requestsWithTokens),
            economics.Api,
            new SelfHostedOption(
                rate,
                economics.Instances,
                tokensPerSecond,
                economics.TargetUtilization,
                BillingCalendar.HoursPerMonth,
                economics.Recurring,
                economics.Retraining,
                amortizing ? economics.OneOff : OneOffCosts.None,
                economics.AmortizationMonths));
        return new ObservedProfile(scenario, projected, daysWithDemand);
    }

    /// <summary>Cost per instance-hour over the window's days where both are known.</summary>
    private static HourlyRate? ActualHourlyRate(IReadOnlyList<DailyObservation> window)
    {
        decimal cost = 0m, hours = 0m;
        foreach (var day in window)
        {
            var (gpuCost, _) = DailyTcoCalculator.GpuCost(day);
            if (gpuCost is { } known && day.GpuHours is > 0m)
            {
                cost += known.Usd;
                hours += day.GpuHours.Value;
            }
        }
        return hours > 0m ? new HourlyRate(cost / hours) : null;
    }
}
