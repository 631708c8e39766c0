using CostOps.Application.Telemetry;
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
        var prompt = await ReadAsync(PromptTokens, query, cancellationToken).ConfigureAwait(false);
        var generation = await ReadAsync(GenerationTokens, query, cancellationToken).ConfigureAwait(false);
        var requests = await ReadAsync(RequestSuccess, query, cancellationToken).ConfigureAwait(false);

        var promptIncrease = CounterIncrease.Of(prompt, query.Days);
        var generationIncrease = CounterIncrease.Of(generation, query.Days);
        var requestIncrease = CounterIncrease.Of(requests, query.Days);
        var arrivedPrompt = RangeQueryPlanner.ArrivedPerDay(prompt, query.Days);
        var arrivedGeneration = RangeQueryPlanner.ArrivedPerDay(generation, query.Days);
        var arrivedRequests = RangeQueryPlanner.ArrivedPerDay(requests, query.Days);

        // Token throughput per evaluation slot: input + output rates of every series.
        var tokenRates = new Dictionary<DateTimeOffset, double>();
        foreach (var (slot, rate) in promptIncrease.SlotRates.Concat(generationIncrease.SlotRates))
        {
            tokenRates[slot] = tokenRates.GetValueOrDefault(slot) + rate;
        }
        var ratesByDay = tokenRates.GroupBy(kv => UtcDayRange.DayOf(kv.Key)).ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).ToArray());

        var expected = 3 * RangeQueryPlanner.ExpectedPerDay(_step);
        var facts = new List<SelfHostedUsageFact>();
        foreach (var day in query.Days.Days)
        {
            var rates = ratesByDay.GetValueOrDefault(day) ?? [];
            facts.Add(new SelfHostedUsageFact(
                query.LabelSelector,
                day,
                Round(promptIncrease.IncreaseOn(day)),
                Round(generationIncrease.IncreaseOn(day)),
                Round(requestIncrease.IncreaseOn(day)),
                rates.Length == 0 ? null : rates.Average(),
                Percentile.NearestRank(rates, 95),
                new Completeness(expected, arrivedPrompt.GetValueOrDefault(day) + arrivedGeneration.GetValueOrDefault(day) + arrivedRequests.GetValueOrDefault(day))));
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "vLLM usage", facts.Count, 0, facts.Select(f => f.Completeness));
        return TelemetryResult<SelfHostedUsageFact>.Of(facts);
    }

    private Task<IReadOnlyList<PrometheusSeries>> ReadAsync(string metric, SelfHostedQuery query, CancellationToken cancellationToken) =>
        RangeQueryPlanner.ReadDaysAsync(_reader, RangeQueryPlanner.Query(metric, query.LabelSelector), query.Days, _step, cancellationToken);

    private static long? Round(double? value) => value is { } v ? (long)Math.Round(v, MidpointRounding.AwayFromZero) : null;
}
