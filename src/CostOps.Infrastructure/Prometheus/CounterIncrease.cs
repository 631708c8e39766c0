using System.Runtime.InteropServices;
using CostOps.Domain.Time;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Daily increase of Prometheus counters, computed from raw samples like PromQL's <c>increase()</c> but without
/// extrapolation: the sum of positive deltas between consecutive samples, where a drop means the process restarted
/// and counted up again from zero (so the new value is the delta). A delta spanning midnight (a scrape gap) is
/// shared between the days in proportion to time. Per-interval rates can be added up per evaluation slot for throughput figures.
/// </summary>
internal sealed class CounterIncrease
{
    private readonly Dictionary<DateOnly, double> _increase = [];

    private CounterIncrease()
    {
    }

    /// <summary>The day's increase summed over every series; null when no interval between two samples touched the day.</summary>
    public double? IncreaseOn(DateOnly day) => _increase.TryGetValue(day, out var value) ? value : null;

    /// <param name="series">The counter's series, each in time order.</param>
    /// <param name="days">The days to attribute increases to.</param>
    /// <param name="slotRates">
    /// Where to add each interval's rate per second, keyed by the interval's start (summed over series, and over every
    /// counter passed the same dictionary); null when the rates are not needed.
    /// </param>
    public static CounterIncrease Of(IReadOnlyList<PrometheusSeries> series, DayRange days, Dictionary<DateTimeOffset, double>? slotRates = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var result = new CounterIncrease();
        // Every series shares the evaluation slots of one range query: size for the longest once, not by doubling.
        slotRates?.EnsureCapacity(series.Count == 0 ? 0 : series.Max(s => s.Samples.Count));
        foreach (var s in series)
        {
            for (var i = 1; i < s.Samples.Count; i++)
            {
                var (from, to) = (s.Samples[i - 1], s.Samples[i]);
                if (from.At < days.Start || to.At > days.End || to.At <= from.At)
                {
                    continue;
                }
                var delta = to.Value >= from.Value ? to.Value - from.Value : to.Value;
                result.Attribute(from.At, to.At, delta);
                if (slotRates is not null)
                {
                    // One lookup per sample, not two: a week at a one-minute step is 10,000 per series.
                    CollectionsMarshal.GetValueRefOrAddDefault(slotRates, from.At, out _) += delta / (to.At - from.At).TotalSeconds;
                }
            }
        }
        return result;
    }

    private void Attribute(DateTimeOffset from, DateTimeOffset to, double delta)
    {
        var fromDay = DayRange.DayOf(from);
        if (to <= DayRange.StartOf(fromDay.AddDays(1)))
        {
            // Almost every interval lies within one day.
            CollectionsMarshal.GetValueRefOrAddDefault(_increase, fromDay, out _) += delta;
            return;
        }
        var total = (to - from).Ticks;
        var cursor = from;
        while (cursor < to)
        {
            var day = DayRange.DayOf(cursor);
            var dayEnd = DayRange.StartOf(day.AddDays(1));
            var pieceEnd = dayEnd < to ? dayEnd : to;
            _increase[day] = _increase.GetValueOrDefault(day) + (delta * (pieceEnd - cursor).Ticks / total);
            cursor = pieceEnd;
        }
    }
}
