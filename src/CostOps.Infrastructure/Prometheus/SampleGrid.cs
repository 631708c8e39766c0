using CostOps.Domain.Time;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// The evaluation slots of range queries over whole days: every <c>step</c> from the first midnight. A live server
/// answers only on these slots, so a day's figures can live in arrays indexed by slot; samples off the grid (exported
/// files edited by hand) are kept by exact time instead.
/// </summary>
internal sealed class SampleGrid(DayRange days, TimeSpan step)
{
    public DayRange Days { get; } = days;

    public int SlotsPerDay { get; } = RangeQueryPlanner.ExpectedPerDay(step);

    private readonly long _stepTicks = step.Ticks;

    /// <summary>The day (index from the first) and slot of <paramref name="at"/>; false when it is off the grid or outside the days.</summary>
    public bool TrySlot(DateTimeOffset at, out int day, out int slot)
    {
        var ticks = (at - Days.Start).Ticks;
        if (ticks < 0 || at >= Days.End || ticks % _stepTicks != 0)
        {
            (day, slot) = (0, 0);
            return false;
        }
        var index = ticks / _stepTicks;
        day = (int)(index / SlotsPerDay);
        slot = (int)(index % SlotsPerDay);
        return true;
    }
}

/// <summary>Per day, the distinct sample timestamps of any series inside that day (the next midnight belongs to the next day).</summary>
internal sealed class ArrivedSlots(SampleGrid grid)
{
    private readonly Dictionary<int, ulong[]> _bits = [];
    private readonly Dictionary<DateOnly, HashSet<DateTimeOffset>> _offGrid = [];

    public void Mark(ReadOnlySpan<PrometheusSample> samples)
    {
        foreach (var sample in samples)
        {
            Mark(sample.At);
        }
    }

    public void Mark(DateTimeOffset at)
    {
        if (grid.TrySlot(at, out var day, out var slot))
        {
            if (!_bits.TryGetValue(day, out var bits))
            {
                bits = new ulong[(grid.SlotsPerDay + 63) / 64];
                _bits[day] = bits;
            }
            bits[slot >> 6] |= 1UL << (slot & 63);
        }
        else if (at >= grid.Days.Start && at < grid.Days.End)
        {
            var key = DayRange.DayOf(at);
            if (!_offGrid.TryGetValue(key, out var set))
            {
                set = [];
                _offGrid[key] = set;
            }
            set.Add(at);
        }
    }

    public int On(DateOnly day)
    {
        var count = _offGrid.TryGetValue(day, out var set) ? set.Count : 0;
        if (_bits.TryGetValue(day.DayNumber - grid.Days.From.DayNumber, out var bits))
        {
            foreach (var word in bits)
            {
                count += System.Numerics.BitOperations.PopCount(word);
            }
        }
        return count;
    }
}
