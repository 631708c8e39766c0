using System.Runtime.InteropServices;
using CostOps.Domain.Time;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Daily increase of Prometheus counters, computed from raw samples like PromQL's <c>increase()</c> but without
/// extrapolation: the sum of positive deltas between consecutive samples of each series, where a drop means the
/// process restarted and counted up again from zero (so the new value is the delta). Resets are handled per series
/// before anything is summed. A delta spanning midnight (a scrape gap) is shared between the days in proportion to
/// time. Series are added one at a time, as they are read, so no answer is held whole; per-interval rates can be
/// added up per evaluation slot for throughput figures.
/// </summary>
internal sealed class CounterIncrease(DayRange days)
{
    private readonly Dictionary<DateOnly, double> _increase = [];

    /// <summary>The day's increase summed over every series; null when no interval between two samples touched the day.</summary>
    public double? IncreaseOn(DateOnly day) => _increase.TryGetValue(day, out var value) ? value : null;

    /// <summary>Adds one series' intervals.</summary>
    /// <param name="samples">The series' samples of one query, in time order.</param>
    /// <param name="previous">The series' last sample from an earlier window, when the range was read in several.</param>
    /// <param name="slotRates">Where to add each interval's rate per second, by the interval's start; null when not needed.</param>
    public void Add(ReadOnlySpan<PrometheusSample> samples, PrometheusSample? previous, SlotRates? slotRates)
    {
        var from = previous;
        foreach (var to in samples)
        {
            if (from is { } f && f.At >= days.Start && to.At <= days.End && to.At > f.At)
            {
                var delta = to.Value >= f.Value ? to.Value - f.Value : to.Value;
                Attribute(f.At, to.At, delta);
                slotRates?.Add(f.At, delta / (to.At - f.At).TotalSeconds);
            }
            // The next window repeats this window's last sample (its first midnight): the later copy carries on.
            from = to;
        }
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
