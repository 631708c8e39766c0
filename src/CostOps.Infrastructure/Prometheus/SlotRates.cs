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

    public void Add(DateTimeOffset at, double rate)
    {
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
