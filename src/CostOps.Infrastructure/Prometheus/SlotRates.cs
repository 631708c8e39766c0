using System.Runtime.InteropServices;
using CostOps.Domain.Time;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// One deployment's token rate per evaluation slot, summed over its series and counters, kept one day-array at a time
/// and reduced to the day's mean and 95th percentile once the day is complete. Only the days of the window being read
/// (and the one before, which a scrape gap across the window boundary can still reach) are held.
/// </summary>
internal sealed class SlotRates(SampleGrid grid)
{
    private readonly Dictionary<int, (double[] Rates, ulong[] Present)> _days = [];
    private readonly Dictionary<DateOnly, Dictionary<DateTimeOffset, double>> _offGrid = [];
    private readonly Dictionary<DateOnly, (double Mean, double P95)> _finished = [];

    // The day-array the last rate went to, and the instants (UTC ticks) that land in it on the grid: rates come by
    // interval start in time order, so nearly every one lands in the same array as the one before.
    private (double[] Rates, ulong[] Present) _current;
    private long _currentStart;
    private long _currentEnd = long.MinValue;

    public void Add(DateTimeOffset at, double rate)
    {
        var ticks = at.UtcTicks;
        if (ticks >= _currentStart && ticks < _currentEnd)
        {
            var known = grid.SlotIn(_currentStart, ticks);
            if (known >= 0)
            {
                _current.Rates[known] += rate;
                _current.Present[known >> 6] |= 1UL << (known & 63);
                return;
            }
        }
        var day = DayRange.DayOf(at);
        if (_finished.ContainsKey(day))
        {
            // A gap longer than a whole window reaches a day already reduced: its rate is left out of that day.
            return;
        }
        if (grid.TrySlot(at, out var index, out var slot))
        {
            if (!_days.TryGetValue(index, out var entry))
            {
                entry = (new double[grid.SlotsPerDay], new ulong[(grid.SlotsPerDay + 63) / 64]);
                _days[index] = entry;
            }
            entry.Rates[slot] += rate;
            entry.Present[slot >> 6] |= 1UL << (slot & 63);
            // Remembered for the instants of both this grid day and this calendar day (which the finished check is by).
            var (start, end) = grid.TicksOf(index);
            var dayStart = DayRange.StartOf(day).UtcTicks;
            _current = entry;
            _currentStart = start;
            _currentEnd = Math.Min(end, dayStart + TimeSpan.TicksPerDay);
            if (dayStart > start)
            {
                // The calendar day starts inside this grid day (a step that does not divide a day): not remembered.
                _currentEnd = long.MinValue;
            }
        }
        else
        {
            if (!_offGrid.TryGetValue(day, out var rates))
            {
                rates = [];
                _offGrid[day] = rates;
            }
            CollectionsMarshal.GetValueRefOrAddDefault(rates, at, out _) += rate;
        }
    }

    /// <summary>Reduces every day before <paramref name="day"/> and lets go of its slots.</summary>
    public void FinishBefore(DateOnly day)
    {
        _currentEnd = long.MinValue;
        for (var d = grid.Days.From; d < day && d <= grid.Days.To; d = d.AddDays(1))
        {
            if (_finished.ContainsKey(d))
            {
                continue;
            }
            var rates = new List<double>(grid.SlotsPerDay);
            if (_days.Remove(d.DayNumber - grid.Days.From.DayNumber, out var entry))
            {
                for (var slot = 0; slot < entry.Rates.Length; slot++)
                {
                    if ((entry.Present[slot >> 6] & (1UL << (slot & 63))) != 0)
                    {
                        rates.Add(entry.Rates[slot]);
                    }
                }
            }
            if (_offGrid.Remove(d, out var offGrid))
            {
                rates.AddRange(offGrid.Values);
            }
            if (rates.Count > 0)
            {
                _finished[d] = (rates.Average(), Percentile.NearestRank(rates, 95)!.Value);
            }
            else
            {
                _finished[d] = (double.NaN, double.NaN);
            }
        }
    }

    /// <summary>The day's mean and 95th-percentile rate; nulls when no interval started that day.</summary>
    public (double? Mean, double? P95) On(DateOnly day)
    {
        FinishBefore(day.AddDays(1));
        var (mean, p95) = _finished[day];
        return double.IsNaN(mean) ? (null, null) : (mean, p95);
    }
}
