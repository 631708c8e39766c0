using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Average GPU utilization per UTC day from the DCGM exporter gauge <c>DCGM_FI_DEV_GPU_UTIL</c> (percent): per
/// deployment, the mean of every sample of every GPU its selector matches. Every deployment of a query is read
/// together (one range query per window, see <see cref="RangeQueryPlanner"/>), each series reduced as it arrives.
/// Completeness: step timestamps with a sample / (day / step).
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
        var selectors = VllmUsageSource.Distinct(query.Selectors);
        var grid = new SampleGrid(query.Days, _step);
        var planner = new RangeQueryPlanner(_reader, _source, _logger, selectors, query.Days, _step);
        var perDay = selectors.Select(_ => new Dictionary<DateOnly, (double Sum, int Samples, int Gpus)>()).ToArray();
        var arrived = selectors.Select(_ => new ArrivedSlots(grid)).ToArray();

        foreach (var window in planner.Windows)
        {
            // The next window repeats this one's last sample (its first midnight): count it there only.
            var (from, to) = (window.Start, window.End);
            await planner.ReadAsync(GpuUtilization, window, (owner, _, samples) =>
            {
                Add(perDay[owner], samples, from, to);
                arrived[owner].Mark(samples);
            }, cancellationToken).ConfigureAwait(false);
        }

        planner.ThrowIfAllFailed();
        var expected = RangeQueryPlanner.ExpectedPerDay(_step);
        var facts = new List<GpuUtilizationFact>();
        var failures = new List<TelemetryIssue>();
        for (var i = 0; i < selectors.Count; i++)
        {
            var selector = selectors[i].LabelSelector;
            if (planner.Failed.TryGetValue(i, out var error))
            {
                failures.Add(new TelemetryIssue(error.SourceName, selector, error.Message));
                continue;
            }
            foreach (var day in query.Days.EachDay())
            {
                var known = perDay[i].TryGetValue(day, out var totals);
                facts.Add(new GpuUtilizationFact(
                    selector,
                    day,
                    known ? totals.Sum / totals.Samples : null,
                    known ? totals.Gpus : null,
                    new Completeness(expected, arrived[i].On(day))));
            }
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "GPU utilization", facts.Count, failures.Count, facts.Select(f => f.Completeness));
        return TelemetryResult<GpuUtilizationFact>.Of(facts) with { Failures = failures };
    }

    // One pass over a series' samples (in time order): per day, their sum and count, and one more GPU that reported.
    private static void Add(Dictionary<DateOnly, (double Sum, int Samples, int Gpus)> perDay, ReadOnlySpan<PrometheusSample> samples, DateTimeOffset from, DateTimeOffset to)
    {
        // Kept as ticks, and the day of the sample before remembered: this runs once per sample of the fleet.
        var (fromTicks, toTicks) = (from.UtcTicks, to.UtcTicks);
        var dayStart = 0L;
        var dayEnd = long.MinValue;
        ref var totals = ref Unsafe.NullRef<(double Sum, int Samples, int Gpus)>();
        foreach (var sample in samples)
        {
            var ticks = sample.At.UtcTicks;
            if (ticks < fromTicks || ticks >= toTicks)
            {
                continue;
            }
            if (ticks < dayStart || ticks >= dayEnd)
            {
                // A new day of this series (samples come in time order): one more GPU reported on it.
                var day = DayRange.DayOf(sample.At);
                totals = ref CollectionsMarshal.GetValueRefOrAddDefault(perDay, day, out _);
                totals.Gpus++;
                dayStart = DayRange.StartOf(day).UtcTicks;
                dayEnd = dayStart + TimeSpan.TicksPerDay;
            }
            totals.Sum += sample.Value;
            totals.Samples++;
        }
    }
}
