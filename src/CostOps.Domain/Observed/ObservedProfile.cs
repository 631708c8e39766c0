using CostOps.Domain.Time;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Observed;

/// <summary>
/// The what-if inputs as the trailing window measured them: average tokens per request, the
/// instance throughput and the projected monthly demand (self-hosted plus API-routed requests,
/// scaled from the window to a billing month), priced at the last day's one GPU rate
/// (<see cref="GpuRate.Of"/>), the same rate that day's estimated GPU cost uses.
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
        if (throughput is not { } tokensPerSecond || GpuRate.Of(window[^1], economics) is not { Rate: var rate })
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
}
