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
    // Per day of the range (every interval counted lies inside it), the increase and whether any interval touched it.
    private readonly double[] _increase = new double[days.Days];
    private readonly bool[] _touched = new bool[days.Days];
    // Kept as ticks: they are compared once per sample, hundreds of millions of times a night for a large fleet.
    private readonly long _startTicks = days.Start.UtcTicks;
    private readonly long _endTicks = days.End.UtcTicks;
    private readonly int _firstDay = days.From.DayNumber;

    /// <summary>The day's increase summed over every series; null when no interval between two samples touched the day.</summary>
    public double? IncreaseOn(DateOnly day)
    {
        var index = day.DayNumber - _firstDay;
        return index >= 0 && index < _touched.Length && _touched[index] ? _increase[index] : null;
    }

    /// <summary>Adds one series' intervals.</summary>
    /// <param name="samples">The series' samples of one query, in time order.</param>
    /// <param name="previous">The series' last sample from an earlier window, when the range was read in several.</param>
    /// <param name="slotRates">Where to add each interval's rate per second, by the interval's start; null when not needed.</param>
    public void Add(ReadOnlySpan<PrometheusSample> samples, PrometheusSample? previous, SlotRates? slotRates)
    {
        var hasFrom = previous.HasValue;
        var f = previous.GetValueOrDefault();
        // The day the last interval lay in (its start and end, in ticks) and its running total: almost every interval
        // lies within the same day as the one before. Deltas are still added one at a time, in the same order.
        var dayStart = 0L;
        var dayEnd = long.MinValue;
        var day = 0;
        foreach (var to in samples)
        {
            if (hasFrom && f.At.UtcTicks >= _startTicks && to.At.UtcTicks <= _endTicks && to.At > f.At)
            {
                var delta = to.Value >= f.Value ? to.Value - f.Value : to.Value;
                if (f.At.UtcTicks >= dayStart && to.At.UtcTicks <= dayEnd)
                {
                    _increase[day] += delta;
                }
                else if (Attribute(f.At, to.At, delta) is { } within)
                {
                    day = within.DayNumber - _firstDay;
                    dayStart = DayRange.StartOf(within).UtcTicks;
                    dayEnd = dayStart + TimeSpan.TicksPerDay;
                }
                slotRates?.Add(f.At, delta / (to.At - f.At).TotalSeconds);
            }
            // The next window repeats this window's last sample (its first midnight): the later copy carries on.
            f = to;
            hasFrom = true;
        }
    }

    // Returns the day when the interval lay within one day.
    private DateOnly? Attribute(DateTimeOffset from, DateTimeOffset to, double delta)
    {
        var fromDay = DayRange.DayOf(from);
        if (to <= DayRange.StartOf(fromDay.AddDays(1)))
        {
            // Almost every interval lies within one day.
            Add(fromDay, delta);
            return fromDay;
        }
        var total = (to - from).Ticks;
        var cursor = from;
        while (cursor < to)
        {
            var day = DayRange.DayOf(cursor);
            var dayEnd = DayRange.StartOf(day.AddDays(1));
            var pieceEnd = dayEnd < to ? dayEnd : to;
            Add(day, delta * (pieceEnd - cursor).Ticks / total);
            cursor = pieceEnd;
        }
        return null;
    }

    private void Add(DateOnly day, double amount)
    {
        var index = day.DayNumber - _firstDay;
        _increase[index] += amount;
        _touched[index] = true;
    }
}
