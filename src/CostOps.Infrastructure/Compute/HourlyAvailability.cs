using CostOps.Application.Telemetry;
using CostOps.Domain.Autopilot;
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
/// <remarks>
/// A fleet's answers are reduced one resource at a time, as they are read (<see cref="Reduce"/>): what is kept per
/// resource is its days' sums and known hours and its last hour with a value, not its hourly points (10,000 VMs times a
/// week of hours are hundreds of megabytes as objects). The sums are added in the order the hourly figures were: each
/// hour's instances first, then the day's hours in time order, so the figures are the same to the last bit.
/// </remarks>
internal sealed class HourlyAvailability
{
    private readonly DayRange _days;
    private readonly double[] _hourSums;
    private readonly bool[] _hourKnown;

    /// <param name="days">The days the running hours are wanted for.</param>
    public HourlyAvailability(DayRange days)
    {
        _days = days;
        _hourSums = new double[days.Days * 24];
        _hourKnown = new bool[days.Days * 24];
    }

    /// <summary>One resource's days: the sum of its known hours (null when none) and how many hours were known.</summary>
    /// <param name="LastHour">The start of the last hour with a value, in or after the days; null when no hour has one.</param>
    public sealed record Reduced(double?[] Running, int[] KnownHours, DateTimeOffset? LastHour);

    /// <summary>The metric's values (instances added up per hour) reduced to the days. Not thread-safe: one resource at a time.</summary>
    public Reduced Reduce(MetricResult metric)
    {
        Array.Clear(_hourSums);
        Array.Clear(_hourKnown);
        DateTimeOffset? last = null;
        foreach (var series in metric.Series)
        {
            foreach (var point in series.Points)
            {
                if (point.Average is not { } value || !double.IsFinite(value))
                {
                    continue;
                }
                var hour = Floor(point.TimeStamp);
                if (last is null || hour > last)
                {
                    last = hour;
                }
                var index = (hour - _days.Start).Ticks / TimeSpan.TicksPerHour;
                if (index >= 0 && index < _hourSums.Length)
                {
                    _hourSums[index] += Math.Clamp(value, 0, double.MaxValue);
                    _hourKnown[index] = true;
                }
            }
        }

        var running = new double?[_days.Days];
        var known = new int[_days.Days];
        for (var day = 0; day < _days.Days; day++)
        {
            for (var index = day * 24; index < (day + 1) * 24; index++)
            {
                if (_hourKnown[index])
                {
                    running[day] = (running[day] ?? 0) + _hourSums[index];
                    known[day]++;
                }
            }
        }
        return new Reduced(running, known, last);
    }

    /// <summary>The facts of <paramref name="days"/> from a resource's <see cref="Reduced"/> hours.</summary>
    /// <param name="readUntil">Where the read ended: a gap explained by a deallocation runs up to here.</param>
    /// <param name="stoppedNow">The resource is deallocated (VM) or at capacity 0 (scale set) now.</param>
    public static IEnumerable<RunningHoursFact> Daily(string resourceId, ComputeResourceKind kind, Reduced hours, DayRange days, DateTimeOffset readUntil, bool stoppedNow)
    {
        var explainedFrom = DateTimeOffset.MaxValue;
        if (stoppedNow)
        {
            explainedFrom = hours.LastHour is { } last ? last.AddHours(1) : days.Start;
        }

        var i = 0;
        foreach (var day in days.EachDay())
        {
            var running = hours.Running[i];
            var known = hours.KnownHours[i];
            i++;
            // Every hour with a value lies before explainedFrom, so the explained hours are exactly those of the day
            // from there up to the end of the read.
            var start = DayRange.StartOf(day);
            var from = explainedFrom > start ? explainedFrom : start;
            var until = readUntil < start.AddDays(1) ? readUntil : start.AddDays(1);
            if (from < until)
            {
                var explained = (int)Math.Ceiling((until - from).TotalHours);
                running ??= 0;
                known += explained;
            }
            yield return new RunningHoursFact(resourceId, kind, day, running, new Completeness(24, known));
        }
    }

    /// <summary>
    /// True when the last hour with a value ends before <paramref name="end"/> (or no hour has one): only then can the
    /// resource's current state change what <see cref="Daily"/> says about the days up to <paramref name="end"/>.
    /// </summary>
    public static bool StopsBefore(Reduced hours, DateTimeOffset end) =>
        hours.LastHour is not { } last || last.AddHours(1) < end;

    private static DateTimeOffset Floor(DateTimeOffset instant) =>
        new(instant.UtcDateTime.Year, instant.UtcDateTime.Month, instant.UtcDateTime.Day, instant.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
}
