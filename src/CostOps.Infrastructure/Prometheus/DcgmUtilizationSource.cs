using System.Runtime.InteropServices;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Average GPU utilization per UTC day from the DCGM exporter gauge <c>DCGM_FI_DEV_GPU_UTIL</c> (percent):
/// the mean of every sample of every selected GPU. Completeness: step timestamps with a sample / (day / step).
/// </summary>
public sealed class DcgmUtilizationSource : IGpuUtilizationSource
{
    public const string GpuUtilization = "DCGM_FI_DEV_GPU_UTIL";

    private readonly SourceContext _source;
    private readonly IPrometheusRangeReader _reader;
    private readonly TimeSpan _step;
    private readonly ILogger _logger;

    public DcgmUtilizationSource(string sourceName, IPrometheusRangeReader reader, TimeSpan step, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "DCGM GPU utilization");
        _reader = reader;
        _step = step;
        _logger = logger;
    }

    public async Task<TelemetryResult<GpuUtilizationFact>> GetDailyUtilizationAsync(SelfHostedQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var series = await RangeQueryPlanner.ReadDaysAsync(_reader, RangeQueryPlanner.Query(GpuUtilization, query.LabelSelector), query.Days, _step, cancellationToken).ConfigureAwait(false);
        var arrived = RangeQueryPlanner.ArrivedPerDay(series, query.Days);
        var expected = RangeQueryPlanner.ExpectedPerDay(_step);

        // One pass over the samples (in time order): per day, their sum and count, and how many GPUs reported.
        var perDay = new Dictionary<DateOnly, (double Sum, int Samples, int Gpus)>();
        foreach (var s in series)
        {
            DateOnly? counted = null;
            foreach (var sample in s.Samples)
            {
                if (sample.At < query.Days.Start || sample.At >= query.Days.End)
                {
                    continue;
                }
                var day = DayRange.DayOf(sample.At);
                ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(perDay, day, out _);
                totals.Sum += sample.Value;
                totals.Samples++;
                if (counted != day)
                {
                    totals.Gpus++;
                    counted = day;
                }
            }
        }

        var facts = new List<GpuUtilizationFact>();
        foreach (var day in query.Days.EachDay())
        {
            var known = perDay.TryGetValue(day, out var totals);
            facts.Add(new GpuUtilizationFact(
                query.LabelSelector,
                day,
                known ? totals.Sum / totals.Samples : null,
                known ? totals.Gpus : null,
                new Completeness(expected, arrived.GetValueOrDefault(day))));
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "GPU utilization", facts.Count, 0, facts.Select(f => f.Completeness));
        return TelemetryResult<GpuUtilizationFact>.Of(facts);
    }
}
