using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Daily increase of Prometheus counters, computed from raw samples like PromQL's <c>increase()</c> but without
/// extrapolation: the sum of positive deltas between consecutive samples, where a drop means the process restarted
/// and counted up again from zero (so the new value is the delta). A delta spanning midnight (a scrape gap) is
/// shared between the days in proportion to time. Per-interval rates are kept per evaluation slot for throughput figures.
/// </summary>
internal sealed class CounterIncrease
{
    private readonly Dictionary<DateOnly, double> _increase = [];
    private readonly Dictionary<DateTimeOffset, double> _slotRates = [];

    private CounterIncrease()
    {
    }

    /// <summary>The day's increase summed over every series; null when no interval between two samples touched the day.</summary>
    public double? IncreaseOn(DateOnly day) => _increase.TryGetValue(day, out var value) ? value : null;

    /// <summary>Per evaluation slot (start of the interval), the rate per second summed over every series.</summary>
    public IReadOnlyDictionary<DateTimeOffset, double> SlotRates => _slotRates;

    public static CounterIncrease Of(IEnumerable<PrometheusSeries> series, UtcDayRange days)
    {
        var result = new CounterIncrease();
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
                var seconds = (to.At - from.At).TotalSeconds;
                result._slotRates[from.At] = result._slotRates.GetValueOrDefault(from.At) + (delta / seconds);
            }
        }
        return result;
    }

    private void Attribute(DateTimeOffset from, DateTimeOffset to, double delta)
    {
        var total = (to - from).Ticks;
        var cursor = from;
        while (cursor < to)
        {
            var day = UtcDayRange.DayOf(cursor);
            var dayEnd = UtcDayRange.StartOf(day.AddDays(1));
            var pieceEnd = dayEnd < to ? dayEnd : to;
            _increase[day] = _increase.GetValueOrDefault(day) + (delta * (pieceEnd - cursor).Ticks / total);
            cursor = pieceEnd;
        }
    }
}
