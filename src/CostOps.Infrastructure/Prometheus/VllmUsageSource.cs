using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Self-hosted traffic per UTC day from vLLM's Prometheus counters (<c>vllm:prompt_tokens_total</c>,
/// <c>vllm:generation_tokens_total</c>, <c>vllm:request_success_total</c>), summed over every matching series
/// (engines, replicas, finish reasons). Completeness: for each counter, step timestamps with a sample / (day / step).
/// </summary>
public sealed class VllmUsageSource : ISelfHostedUsageSource
{
    public const string PromptTokens = "vllm:prompt_tokens_total";
    public const string GenerationTokens = "vllm:generation_tokens_total";
    public const string RequestSuccess = "vllm:request_success_total";

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
        // Token throughput per evaluation slot: input + output rates of every series. Each counter is reduced to its
        // daily figures as soon as it is read, so only one counter's samples are held at a time.
        var tokenRates = new Dictionary<DateTimeOffset, double>();
        var (promptIncrease, arrivedPrompt) = await ReadCounterAsync(PromptTokens, query, tokenRates, cancellationToken).ConfigureAwait(false);
        var (generationIncrease, arrivedGeneration) = await ReadCounterAsync(GenerationTokens, query, tokenRates, cancellationToken).ConfigureAwait(false);
        var (requestIncrease, arrivedRequests) = await ReadCounterAsync(RequestSuccess, query, null, cancellationToken).ConfigureAwait(false);
        var ratesByDay = new Dictionary<DateOnly, List<double>>();
        foreach (var (slot, rate) in tokenRates)
        {
            var day = DayRange.DayOf(slot);
            if (!ratesByDay.TryGetValue(day, out var rates))
            {
                rates = new List<double>(RangeQueryPlanner.ExpectedPerDay(_step));
                ratesByDay[day] = rates;
            }
            rates.Add(rate);
        }

        var expected = 3 * RangeQueryPlanner.ExpectedPerDay(_step);
        var facts = new List<SelfHostedUsageFact>();
        foreach (var day in query.Days.EachDay())
        {
            var rates = ratesByDay.GetValueOrDefault(day) ?? [];
            facts.Add(new SelfHostedUsageFact(
                query.LabelSelector,
                day,
                Round(promptIncrease.IncreaseOn(day)),
                Round(generationIncrease.IncreaseOn(day)),
                Round(requestIncrease.IncreaseOn(day)),
                rates.Count == 0 ? null : rates.Average(),
                Percentile.NearestRank(rates, 95),
                new Completeness(expected, arrivedPrompt.GetValueOrDefault(day) + arrivedGeneration.GetValueOrDefault(day) + arrivedRequests.GetValueOrDefault(day))));
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "vLLM usage", facts.Count, 0, facts.Select(f => f.Completeness));
        return TelemetryResult<SelfHostedUsageFact>.Of(facts);
    }

    private async Task<(CounterIncrease Increase, Dictionary<DateOnly, int> Arrived)> ReadCounterAsync(
        string metric, SelfHostedQuery query, Dictionary<DateTimeOffset, double>? slotRates, CancellationToken cancellationToken)
    {
        var series = await RangeQueryPlanner.ReadDaysAsync(_reader, RangeQueryPlanner.Query(metric, query.LabelSelector), query.Days, _step, cancellationToken).ConfigureAwait(false);
        return (CounterIncrease.Of(series, query.Days, slotRates), RangeQueryPlanner.ArrivedPerDay(series, query.Days));
    }

    private static long? Round(double? value) => value is { } v ? (long)Math.Round(v, MidpointRounding.AwayFromZero) : null;
}
