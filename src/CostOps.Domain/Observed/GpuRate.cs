using CostOps.Domain.Pricing;

namespace CostOps.Domain.Observed;

/// <summary>An hourly GPU rate and where it came from.</summary>
public readonly record struct GpuRate(HourlyRate Rate, GpuRateBasis Basis)
{
    /// <summary>
    /// The one rate of a day: the actual cost per running hour when the day's actual cost and running hours are both
    /// known (and some hours ran); else the list rate the day was observed with; else the workload's own list rate;
    /// else none (unknown, never zero).
    /// </summary>
    public static GpuRate? Of(DailyObservation day, WorkloadEconomics economics)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(economics);
        if (day is { ActualGpuCost: { } actual, GpuHours: > 0m } && actual.Usd >= 0m)
        {
            return new GpuRate(new HourlyRate(actual.Usd / day.GpuHours.Value), GpuRateBasis.ActualCostPerRunningHour);
        }
        if (day.ListHourlyRate is { } list)
        {
            return new GpuRate(list, day.ListRateBasis);
        }
        return economics.ListHourlyRate is { } own ? new GpuRate(own, economics.ListRateBasis) : null;
    }
}
