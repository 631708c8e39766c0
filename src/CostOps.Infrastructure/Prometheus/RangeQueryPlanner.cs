using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Reads one metric for many deployments' selectors over whole UTC days in as few range queries as the server's
/// limits allow: one per selector group (usually one for the whole fleet) and window, where a window is as many whole
/// days as fit <see cref="PrometheusQueryLimits.MaxPointsPerSeries"/> (each including the sample at its next
/// midnight, so no increase is lost between days), and a group is split only when its expected answer would pass
/// <see cref="PrometheusQueryLimits.MaxSamplesPerQuery"/> or <see cref="PrometheusQueryLimits.MaxSeriesPerQuery"/>.
/// A query the server refuses as too big or bad (HTTP 400, 413, 422) is halved until the selector at fault stands
/// alone, so one bad selector fails only its own deployment.
/// </summary>
internal sealed partial class RangeQueryPlanner
{
    private readonly IPrometheusRangeReader _reader;
    private readonly SourceContext _source;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<SelfHostedSelector> _selectors;
    private readonly IReadOnlyList<SelectorGroup> _groups;
    private readonly TimeSpan _step;

    public RangeQueryPlanner(IPrometheusRangeReader reader, SourceContext source, ILogger logger, IReadOnlyList<SelfHostedSelector> selectors, DayRange days, TimeSpan step)
    {
        _reader = reader;
        _source = source;
        _logger = logger;
        _selectors = selectors;
        _step = step;
        _groups = SelectorGroup.Plan([.. selectors.Select(s => s.LabelSelector)], reader.Limits.CombinesSelectors);
        var daysPerQuery = Math.Max(1, (int)Math.Min(days.Days, (reader.Limits.MaxPointsPerSeries - 1L) / Math.Max(1, ExpectedPerDay(step))));
        var windows = new List<DayRange>();
        for (var first = days.From; first <= days.To; first = first.AddDays(daysPerQuery))
        {
            var last = first.AddDays(daysPerQuery - 1) < days.To ? first.AddDays(daysPerQuery - 1) : days.To;
            windows.Add(new DayRange(first, last));
        }
        Windows = windows;
    }

    /// <summary>The windows of whole days each metric is read in, oldest first.</summary>
    public IReadOnlyList<DayRange> Windows { get; }

    /// <summary>Selectors whose query failed, with the error; they are left out of later queries.</summary>
    public Dictionary<int, TelemetrySourceException> Failed { get; } = [];

    /// <summary>Throws the error when every selector failed: then the source as a whole could not answer.</summary>
    public void ThrowIfAllFailed()
    {
        if (_selectors.Count > 0 && Failed.Count == _selectors.Count)
        {
            throw Failed[0];
        }
    }

    public static int ExpectedPerDay(TimeSpan step) => (int)(TimeSpan.FromDays(1).Ticks / step.Ticks);

    /// <summary>
    /// Reads <paramref name="metric"/> over <paramref name="window"/> for every selector not failed yet; each series
    /// goes to <paramref name="onSeries"/> once per selector it belongs to.
    /// </summary>
    public Task ReadAsync(string metric, DayRange window, Action<int, IReadOnlyDictionary<string, string>, ReadOnlySpan<PrometheusSample>> onSeries, CancellationToken cancellationToken) =>
        ReadAsync([metric], window, (_, owner, labels, samples) => onSeries(owner, labels, samples), null, cancellationToken);

    /// <summary>
    /// Reads every one of <paramref name="metrics"/> over <paramref name="window"/> for every selector not failed yet,
    /// one chunk of selectors at a time: the chunk's metrics one after the other, each series handed to
    /// <paramref name="onSeries"/> (metric index, selector, labels, samples) once per selector it belongs to, then the
    /// chunk's selectors to <paramref name="onChunkRead"/>. No series of those selectors comes after that in this
    /// window, so a caller can reduce and let go of what it holds for them (a day-array of rates per deployment is
    /// 80 MB for 1,000 deployments over a week). The queries are the same as reading each metric for all chunks in turn.
    /// </summary>
    public async Task ReadAsync(
        IReadOnlyList<string> metrics, DayRange window, Action<int, int, IReadOnlyDictionary<string, string>, ReadOnlySpan<PrometheusSample>> onSeries,
        Action<IReadOnlyList<int>>? onChunkRead, CancellationToken cancellationToken)
    {
        foreach (var (group, chunk) in Chunks(window))
        {
            for (var metric = 0; metric < metrics.Count; metric++)
            {
                // A selector whose query failed for one metric is left out of the next (its figures are unknown anyway).
                var live = chunk.Where(member => !Failed.ContainsKey(member)).ToList();
                if (live.Count == 0)
                {
                    break;
                }
                var which = metric;
                await ReadChunkAsync(metrics[metric], window, group, live, (owner, labels, samples) => onSeries(which, owner, labels, samples), cancellationToken).ConfigureAwait(false);
            }
            onChunkRead?.Invoke(chunk);
        }
    }

    // Each group's selectors not failed yet, packed into as few queries as the server's limits allow.
    private IEnumerable<(SelectorGroup Group, List<int> Members)> Chunks(DayRange window)
    {
        var points = (window.Days * (long)ExpectedPerDay(_step)) + 1;
        var limits = _reader.Limits;
        var chunks = new List<(SelectorGroup, List<int>)>();
        foreach (var group in _groups)
        {
            var chunk = new List<int>();
            long samples = 0;
            var series = 0;
            foreach (var member in group.Members.Where(m => !Failed.ContainsKey(m)))
            {
                var expected = Math.Max(1, _selectors[member].ExpectedSeries);
                if (chunk.Count > 0 && (samples + (expected * points) > limits.MaxSamplesPerQuery || series + expected > limits.MaxSeriesPerQuery))
                {
                    chunks.Add((group, chunk));
                    chunk = [];
                    (samples, series) = (0, 0);
                }
                chunk.Add(member);
                samples += expected * points;
                series += expected;
            }
            if (chunk.Count > 0)
            {
                chunks.Add((group, chunk));
            }
        }
        return chunks;
    }

    private async Task ReadChunkAsync(
        string metric, DayRange window, SelectorGroup group, List<int> members,
        Action<int, IReadOnlyDictionary<string, string>, ReadOnlySpan<PrometheusSample>> onSeries, CancellationToken cancellationToken)
    {
        try
        {
            await _reader.ReadRangeAsync(group.Query(metric, members), window.Start, window.End, _step, (labels, samples) =>
            {
                foreach (var owner in group.Owners(labels, members))
                {
                    onSeries(owner, labels, samples);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TelemetrySourceException ex) when (members.Count > 1 && ex.Status is 400 or 413 or 422)
        {
            // Refused before any series was read: the query's fault (too big, or one selector the server rejects).
            LogSplit(_logger, _source.Name, metric, members.Count, ex.Status.Value);
            var half = members.Count / 2;
            await ReadChunkAsync(metric, window, group, members.GetRange(0, half), onSeries, cancellationToken).ConfigureAwait(false);
            await ReadChunkAsync(metric, window, group, members.GetRange(half, members.Count - half), onSeries, cancellationToken).ConfigureAwait(false);
        }
        catch (TelemetrySourceException ex)
        {
            foreach (var member in members)
            {
                Failed.TryAdd(member, ex);
            }
        }
    }

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning, Message = "Source {Source}: a query of {Metric} for {Selectors} selectors was refused (HTTP {Status}); reading it in halves")]
    private static partial void LogSplit(ILogger logger, string source, string metric, int selectors, int status);
}
