using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.AzureMonitor;

namespace CostOps.Infrastructure.Compute;

/// <summary>
/// Running hours per day from hourly <c>VmAvailabilityMetric</c> averages (1 = available, 0 = not, no value = unknown).
/// For a scale set the instances' averages are added (instance-hours); an hour is known when any instance has a value.
/// The metric stops once a VM is deallocated, so when the resource is deallocated now (VM) or at capacity 0 (scale set),
/// the gap that runs from the last value up to the end of the read is explained: those hours count as known, not running.
/// A gap in the middle stays unknown: it cannot be told apart from a monitoring outage.
/// </summary>
internal static class HourlyAvailability
{
    /// <param name="hourly">The resource's <see cref="Hourly"/> values.</param>
    public static IEnumerable<RunningHoursFact> Daily(string resourceId, FleetResourceKind kind, SortedDictionary<DateTimeOffset, double> hourly, DayRange days, DateTimeOffset readUntil, bool stoppedNow)
    {
        var explainedFrom = DateTimeOffset.MaxValue;
        if (stoppedNow)
        {
            explainedFrom = hourly.Count == 0 ? days.Start : hourly.Keys.Last().AddHours(1);
        }

        foreach (var day in days.EachDay())
        {
            var start = DayRange.StartOf(day);
            double? running = null;
            var known = 0;
            for (var hour = start; hour < start.AddDays(1); hour = hour.AddHours(1))
            {
                if (hourly.TryGetValue(hour, out var value))
                {
                    running = (running ?? 0) + value;
                    known++;
                }
                else if (hour >= explainedFrom && hour < readUntil)
                {
                    running ??= 0;
                    known++;
                }
            }
            yield return new RunningHoursFact(resourceId, kind, day, running, new Completeness(24, known));
        }
    }

    /// <summary>
    /// True when the last hour with a value ends before <paramref name="end"/> (or no hour has one): only then can the
    /// resource's current state change what <see cref="Daily"/> says about the days up to <paramref name="end"/>.
    /// </summary>
    public static bool StopsBefore(SortedDictionary<DateTimeOffset, double> hourly, DateTimeOffset end) =>
        hourly.Count == 0 || hourly.Keys.Last().AddHours(1) < end;

    /// <summary>The metric's values per hour (instances added up), read once per resource for both of the above.</summary>
    public static SortedDictionary<DateTimeOffset, double> Hourly(MetricResult metric)
    {
        var hourly = new SortedDictionary<DateTimeOffset, double>();
        foreach (var series in metric.Series)
        {
            foreach (var point in series.Points)
            {
                if (point.Average is { } value && double.IsFinite(value))
                {
                    var hour = Floor(point.TimeStamp);
                    hourly[hour] = hourly.GetValueOrDefault(hour) + Math.Clamp(value, 0, double.MaxValue);
                }
            }
        }
        return hourly;
    }

    private static DateTimeOffset Floor(DateTimeOffset instant) =>
        new(instant.UtcDateTime.Year, instant.UtcDateTime.Month, instant.UtcDateTime.Day, instant.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
}
