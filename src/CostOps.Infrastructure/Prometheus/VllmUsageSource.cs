using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Self-hosted traffic per UTC day from vLLM's Prometheus counters (<c>vllm:prompt_tokens_total</c>,
/// <c>vllm:generation_tokens_total</c>, <c>vllm:request_success_total</c>), summed over every series a deployment's
/// selector matches (engines, replicas, finish reasons) after each series' resets are handled. Every deployment of a
/// query is read together: one range query per counter and window (see <see cref="RangeQueryPlanner"/>), each series
/// reduced to daily figures as it arrives. Completeness: for each counter, step timestamps with a sample / (day / step).
/// </summary>
public sealed class VllmUsageSource : ISelfHostedUsageSource
{
    public const string PromptTokens = "vllm:prompt_tokens_total";
    public const string GenerationTokens = "vllm:generation_tokens_total";
    public const string RequestSuccess = "vllm:request_success_total";

    private static readonly string[] Counters = [PromptTokens, GenerationTokens, RequestSuccess];

    private readonly SourceContext _source;
    private readonly IPrometheusRangeReader _reader;
    private readonly TimeSpan _step;
    private readonly ILogger _logger;

    public VllmUsageSource(string sourceName, IPrometheusRangeReader reader, TimeSpan step, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "vLLM usage");
        _reader = reader;
        _step = step;
        _logger = logger;
    }

    public async Task<TelemetryResult<SelfHostedUsageFact>> GetDailyUsageAsync(SelfHostedQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var selectors = Distinct(query.Selectors);
        var grid = new SampleGrid(query.Days, _step);
        var planner = new RangeQueryPlanner(_reader, _source, _logger, selectors, query.Days, _step);
        var deployments = selectors.Select(_ => new Deployment(grid, query.Days, planner.Windows.Count > 1)).ToArray();

        foreach (var window in planner.Windows)
        {
            // The window before this one is complete once its chunk is read (a gap across this window's start reached
            // back into it); after the last window every day is: its rates are reduced then, chunk by chunk, so only
            // one chunk's day-arrays are held at a time.
            var finishBefore = window == planner.Windows[^1] ? window.To.AddDays(1) : window.From.AddDays(-1);
            await planner.ReadAsync(
                Counters,
                window,
                (counter, owner, labels, samples) => deployments[owner].Add(counter, labels, samples),
                chunk =>
                {
                    foreach (var owner in chunk)
                    {
                        deployments[owner].Rates.FinishBefore(finishBefore);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }

        planner.ThrowIfAllFailed();
        var expected = 3 * RangeQueryPlanner.ExpectedPerDay(_step);
        var facts = new List<SelfHostedUsageFact>();
        var failures = new List<TelemetryIssue>();
        for (var i = 0; i < selectors.Count; i++)
        {
            var selector = selectors[i].LabelSelector;
            if (planner.Failed.TryGetValue(i, out var error))
            {
                failures.Add(new TelemetryIssue(error.SourceName, selector, error.Message));
                continue;
            }
            var d = deployments[i];
            foreach (var day in query.Days.EachDay())
            {
                var (mean, p95) = d.Rates.On(day);
                facts.Add(new SelfHostedUsageFact(
                    selector,
                    day,
                    Round(d.Increase[0].IncreaseOn(day)),
                    Round(d.Increase[1].IncreaseOn(day)),
                    Round(d.Increase[2].IncreaseOn(day)),
                    mean,
                    p95,
                    new Completeness(expected, d.Arrived[0].On(day) + d.Arrived[1].On(day) + d.Arrived[2].On(day))));
            }
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "vLLM usage", facts.Count, failures.Count, facts.Select(f => f.Completeness));
        return TelemetryResult<SelfHostedUsageFact>.Of(facts) with { Failures = failures };
    }

    internal static IReadOnlyList<SelfHostedSelector> Distinct(IReadOnlyList<SelfHostedSelector> selectors) =>
        [.. selectors.GroupBy(s => s.LabelSelector, StringComparer.Ordinal).Select(g => new SelfHostedSelector(g.Key, g.Max(s => s.ExpectedSeries)))];

    private static long? Round(double? value) => value is { } v ? (long)Math.Round(v, MidpointRounding.AwayFromZero) : null;

    /// <summary>One selector's running figures: the three counters' increases and arrivals, and the token rates.</summary>
    private sealed class Deployment(SampleGrid grid, Domain.Time.DayRange days, bool severalWindows)
    {
        private readonly Dictionary<string, PrometheusSample>?[] _lastOfSeries = severalWindows ? [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)] : [null, null, null];

        public CounterIncrease[] Increase { get; } = [new(days), new(days), new(days)];

        public ArrivedSlots[] Arrived { get; } = [new(grid), new(grid), new(grid)];

        public SlotRates Rates { get; } = new(grid);

        public void Add(int counter, IReadOnlyDictionary<string, string> labels, ReadOnlySpan<PrometheusSample> samples)
        {
            // Token throughput per evaluation slot: input + output rates of every series.
            var rates = counter < 2 ? Rates : null;
            if (_lastOfSeries[counter] is { } last)
            {
                // Read in several windows: a series' first interval starts at its last sample of the window before.
                var key = SeriesKey(labels);
                Increase[counter].Add(samples, last.TryGetValue(key, out var previous) ? previous : null, rates);
                if (samples.Length > 0)
                {
                    last[key] = samples[^1];
                }
            }
            else
            {
                Increase[counter].Add(samples, null, rates);
            }
            Arrived[counter].Mark(samples);
        }

        private static string SeriesKey(IReadOnlyDictionary<string, string> labels) =>
            string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
    }
}
