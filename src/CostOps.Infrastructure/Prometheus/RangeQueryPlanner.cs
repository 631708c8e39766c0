using System.Runtime.InteropServices;
using CostOps.Domain.Time;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Reads a metric over whole UTC days in as few range queries as Prometheus allows (11,000 points per series),
/// each window including the sample at the next midnight so no increase is lost between days, and merges the
/// same series across windows.
/// </summary>
internal static class RangeQueryPlanner
{
    private const int MaxPointsPerSeries = 11_000;

    public static string Query(string metric, string labelSelector) =>
        string.IsNullOrWhiteSpace(labelSelector) ? metric : $"{metric}{{{labelSelector}}}";

    public static int ExpectedPerDay(TimeSpan step) => (int)(TimeSpan.FromDays(1).Ticks / step.Ticks);

    public static async Task<IReadOnlyList<PrometheusSeries>> ReadDaysAsync(IPrometheusRangeReader reader, string query, DayRange days, TimeSpan step, CancellationToken cancellationToken)
    {
        var daysPerQuery = Math.Max(1, (MaxPointsPerSeries - 1) / Math.Max(1, ExpectedPerDay(step)));
        if (days.Days <= daysPerQuery)
        {
            // One window (every nightly run): the answer is already one series per label set, in time order.
            return await reader.QueryRangeAsync(query, days.Start, days.End, step, cancellationToken).ConfigureAwait(false);
        }
        var merged = new Dictionary<string, (IReadOnlyDictionary<string, string> Labels, SortedDictionary<DateTimeOffset, double> Samples)>(StringComparer.Ordinal);
        for (var first = days.From; first <= days.To; first = first.AddDays(daysPerQuery))
        {
            var last = first.AddDays(daysPerQuery - 1) < days.To ? first.AddDays(daysPerQuery - 1) : days.To;
            var window = new DayRange(first, last);
            var series = await reader.QueryRangeAsync(query, window.Start, window.End, step, cancellationToken).ConfigureAwait(false);
            foreach (var s in series)
            {
                if (!merged.TryGetValue(s.Key, out var entry))
                {
                    entry = (s.Labels, new SortedDictionary<DateTimeOffset, double>());
                    merged[s.Key] = entry;
                }
                foreach (var sample in s.Samples)
                {
                    entry.Samples[sample.At] = sample.Value;
                }
            }
        }
        return [.. merged.Values.Select(e => new PrometheusSeries(e.Labels, [.. e.Samples.Select(kv => new PrometheusSample(kv.Key, kv.Value))]))];
    }

    /// <summary>Per day, the distinct sample timestamps of any series inside that day (the next midnight belongs to the next day).</summary>
    /// <remarks>
    /// Each series is in time order, so they are walked side by side and each timestamp is counted once, without a
    /// set of every timestamp (10,000 per query for a week at a one-minute step).
    /// </remarks>
    public static Dictionary<DateOnly, int> ArrivedPerDay(IReadOnlyList<PrometheusSeries> series, DayRange days)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (start, end) = (days.Start, days.End);
        var perDay = new Dictionary<DateOnly, int>();
        var next = new int[series.Count];
        while (true)
        {
            DateTimeOffset? earliest = null;
            for (var i = 0; i < series.Count; i++)
            {
                var samples = series[i].Samples;
                if (next[i] < samples.Count && (earliest is null || samples[next[i]].At < earliest))
                {
                    earliest = samples[next[i]].At;
                }
            }
            if (earliest is not { } at)
            {
                return perDay;
            }
            for (var i = 0; i < series.Count; i++)
            {
                var samples = series[i].Samples;
                while (next[i] < samples.Count && samples[next[i]].At == at)
                {
                    next[i]++;
                }
            }
            if (at >= start && at < end)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(perDay, DayRange.DayOf(at), out _)++;
            }
        }
    }
}
