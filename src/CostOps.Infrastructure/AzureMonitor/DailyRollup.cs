using CostOps.Domain.Time;

namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>
/// The buckets of one UTC day that had a value: how many, and their sum, mean, minimum and maximum.
/// Buckets without a value are absent, so they lower <see cref="Arrived"/> instead of counting as zero.
/// </summary>
internal sealed record DailyRollup(int Arrived, double Sum, double Minimum, double Maximum)
{
    public double Mean => Sum / Arrived;

    /// <summary>How many buckets of <paramref name="interval"/> make a day.</summary>
    public static int ExpectedPerDay(TimeSpan interval) => (int)(TimeSpan.FromDays(1).Ticks / interval.Ticks);

    /// <summary>Per day of <paramref name="days"/>, the valued buckets of one aggregation (duplicated timestamps counted once).</summary>
    public static Dictionary<DateOnly, DailyRollup> ByDay(IEnumerable<MetricPoint> points, string aggregation, DayRange days) =>
        ByDay(points.Select(p => (p.TimeStamp, p.ValueOf(aggregation))), days);

    /// <summary>Per day of <paramref name="days"/>, the valued (timestamp, value) pairs (duplicated timestamps counted once).</summary>
    public static Dictionary<DateOnly, DailyRollup> ByDay(IEnumerable<(DateTimeOffset TimeStamp, double? Value)> points, DayRange days)
    {
        var byDay = new Dictionary<DateOnly, DailyRollup>();
        var seen = new HashSet<DateTimeOffset>();
        foreach (var (timeStamp, value) in points)
        {
            if (value is not { } v || !double.IsFinite(v) || !seen.Add(timeStamp))
            {
                continue;
            }
            var day = DayRange.DayOf(timeStamp);
            if (!days.Contains(day))
            {
                continue;
            }
            byDay[day] = byDay.TryGetValue(day, out var sofar)
                ? new DailyRollup(sofar.Arrived + 1, sofar.Sum + v, Math.Min(sofar.Minimum, v), Math.Max(sofar.Maximum, v))
                : new DailyRollup(1, v, v, v);
        }
        return byDay;
    }
}
