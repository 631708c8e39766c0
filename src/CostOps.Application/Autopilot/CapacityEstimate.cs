using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.Autopilot;

/// <summary>
/// C, the requests per month one instance serves, for sizing scale sets (ADR 0004: the observed
/// profile's capacity): the domain's <c>SelfHostedOption.CapacityPerInstance</c> with the
/// workload's planned throughput and target utilization, and the tokens per request the stored
/// DailyTco window measured on the self-hosted path.
/// </summary>
public static class CapacityEstimate
{
    /// <returns>
    /// Null (scaling off, recorded as such) when the catalog gives no <c>tokensPerSecondPerInstance</c>
    /// (the measured p95 throughput the nightly TCO may use is not stored in DailyTco) or when no
    /// night of the window served self-hosted requests with known tokens (e.g. the whole window paused).
    /// </returns>
    public static decimal? PerInstance(WorkloadEconomics economics, IReadOnlyList<DailyTco> window)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(window);
        if (economics.PlannedTokensPerSecondPerInstance is not > 0m)
        {
            return null;
        }
        decimal requests = 0m, input = 0m, output = 0m;
        foreach (var night in window)
        {
            if (night is { Requests: > 0m, InputTokens: { } i, OutputTokens: { } o })
            {
                requests += night.Requests.Value;
                input += i;
                output += o;
            }
        }
        if (requests == 0m || input + output == 0m)
        {
            return null;
        }
        // Only T, u, H and the tokens per request enter C; the cost terms are carried along unchanged.
        var option = new SelfHostedOption(
            economics.ListHourlyRate ?? new HourlyRate(0m),
            economics.Instances,
            economics.PlannedTokensPerSecondPerInstance.Value,
            economics.TargetUtilization,
            BillingCalendar.HoursPerMonth,
            economics.Recurring,
            economics.Retraining,
            economics.OneOff,
            economics.AmortizationMonths);
        return option.CapacityPerInstance(new TrafficProfile(requests, input / requests, output / requests));
    }
}
