using CostOps.Domain.Autopilot;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.Autopilot;

/// <summary>
/// C, the requests per month one instance serves, for sizing scale sets (ADR 0004: the observed
/// profile's capacity): the domain's <c>SelfHostedOption.CapacityPerInstance</c> with the
/// workload's throughput and target utilization, and the tokens per request the stored DailyTco
/// window measured on the self-hosted path. The throughput is the catalog's planned figure when it
/// gives one (a load test knows the ceiling; served traffic only shows what was asked), else the
/// highest nightly p95 of served tokens/s per running instance the window measured.
/// </summary>
public static class CapacityEstimate
{
    /// <returns>
    /// The capacity and the throughput it came from; null (scaling off, recorded as such) when neither the catalog
    /// nor any night of the window gives a throughput, or when no night of the window served self-hosted requests
    /// with known tokens (e.g. the whole window paused).
    /// </returns>
    public static (decimal RequestsPerMonth, InstanceThroughput Throughput)? PerInstance(WorkloadEconomics economics, IReadOnlyList<DailyTco> window)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(window);
        if (Throughput(economics, window) is not { } throughput)
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
            throughput.TokensPerSecond,
            economics.TargetUtilization,
            BillingCalendar.HoursPerMonth,
            economics.Recurring,
            economics.Retraining,
            economics.OneOff,
            economics.AmortizationMonths);
        return (option.CapacityPerInstance(new TrafficProfile(requests, input / requests, output / requests)), throughput);
    }

    /// <summary>The catalog's planned throughput, else the window's highest measured p95 per running instance; null when neither.</summary>
    public static InstanceThroughput? Throughput(WorkloadEconomics economics, IReadOnlyList<DailyTco> window)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(window);
        if (economics.PlannedTokensPerSecondPerInstance is > 0m and var planned)
        {
            return new InstanceThroughput(planned, ThroughputBasis.Catalog, economics.TargetUtilization);
        }
        var measured = window.Where(n => n.PeakTokensPerSecondPerInstance is > 0m).Select(n => n.PeakTokensPerSecondPerInstance!.Value).ToList();
        return measured.Count == 0
            ? null
            : new InstanceThroughput(measured.Max(), ThroughputBasis.MeasuredP95, economics.TargetUtilization, measured.Count);
    }
}
