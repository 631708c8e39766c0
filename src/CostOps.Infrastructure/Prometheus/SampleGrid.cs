using CostOps.Domain.Time;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// The evaluation slots of range queries over whole days: every <c>step</c> from the first midnight. A live server
/// answers only on these slots, so a day's figures can live in arrays indexed by slot; samples off the grid (exported
/// files edited by hand) are kept by exact time instead.
/// </summary>
internal sealed class SampleGrid
{
    // Kept as ticks: this is asked once per sample, hundreds of millions of times a night for a large fleet.
    private readonly long _startTicks;
    private readonly long _endTicks;
    private readonly long _stepTicks;

    public SampleGrid(DayRange days, TimeSpan step)
    {
        Days = days;
        SlotsPerDay = RangeQueryPlanner.ExpectedPerDay(step);
        _startTicks = days.Start.UtcTicks;
        _endTicks = days.End.UtcTicks;
        _stepTicks = step.Ticks;
    }

    public DayRange Days { get; }

    public int SlotsPerDay { get; }

    /// <summary>The day (index from the first) and slot of <paramref name="at"/>; false when it is off the grid or outside the days.</summary>
    public bool TrySlot(DateTimeOffset at, out int day, out int slot)
    {
        var ticks = at.UtcTicks - _startTicks;
        if (ticks < 0 || at.UtcTicks >= _endTicks || ticks % _stepTicks != 0)
        {
            (day, slot) = (0, 0);
            return false;
        }
        var index = ticks / _stepTicks;
        day = (int)(index / SlotsPerDay);
        slot = (int)(index % SlotsPerDay);
        return true;
    }

    /// <summary>The instants (UTC ticks) whose slots belong to grid day <paramref name="day"/>: [start, end).</summary>
    public (long Start, long End) TicksOf(int day)
    {
        var start = _startTicks + (day * SlotsPerDay * _stepTicks);
        return (start, Math.Min(start + (SlotsPerDay * _stepTicks), _endTicks));
    }

    /// <summary>The slot of <paramref name="ticks"/> inside a grid day starting at <paramref name="dayStart"/>; -1 off the grid.</summary>
    public int SlotIn(long dayStart, long ticks)
    {
        var offset = ticks - dayStart;
        return offset % _stepTicks == 0 ? (int)(offset / _stepTicks) : -1;
    }
}

/// <summary>Per day, the distinct sample timestamps of any series inside that day (the next midnight belongs to the next day).</summary>
internal sealed class ArrivedSlots(SampleGrid grid)
{
    private readonly Dictionary<int, ulong[]> _bits = [];
    private readonly Dictionary<DateOnly, HashSet<DateTimeOffset>> _offGrid = [];

    public void Mark(ReadOnlySpan<PrometheusSample> samples)
    {
        // A series' samples run in time order: the grid day of the last one is nearly always the next one's too.
        ulong[]? bits = null;
        long dayStart = 0;
        long dayEnd = long.MinValue;
        foreach (var sample in samples)
        {
            var ticks = sample.At.UtcTicks;
            if (ticks >= dayStart && ticks < dayEnd)
            {
                var slot = grid.SlotIn(dayStart, ticks);
                if (slot >= 0)
                {
                    bits![slot >> 6] |= 1UL << (slot & 63);
                    continue;
                }
            }
            if (MarkOne(sample.At) is { } day)
            {
                bits = _bits[day];
                (dayStart, dayEnd) = grid.TicksOf(day);
            }
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

    // The grid day marked, or null when the instant is off the grid.
    private int? MarkOne(DateTimeOffset at)
    {
        if (grid.TrySlot(at, out var day, out var slot))
        {
            if (!_bits.TryGetValue(day, out var bits))
            {
                bits = new ulong[(grid.SlotsPerDay + 63) / 64];
                _bits[day] = bits;
            }
            bits[slot >> 6] |= 1UL << (slot & 63);
            return day;
        }
        if (at >= grid.Days.Start && at < grid.Days.End)
        {
            var key = DayRange.DayOf(at);
            if (!_offGrid.TryGetValue(key, out var set))
            {
                set = [];
                _offGrid[key] = set;
            }
            set.Add(at);
        }
        return null;
    }
}
