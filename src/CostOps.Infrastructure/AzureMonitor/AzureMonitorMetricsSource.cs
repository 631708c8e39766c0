using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>
/// Daily platform metrics per resource (and split dimension value) from hourly Azure Monitor buckets.
/// </summary>
public sealed class AzureMonitorMetricsSource : IResourceMetricsSource
{
    private static readonly TimeSpan _hourly = TimeSpan.FromHours(1);

    private readonly SourceContext _source;
    private readonly IMetricsReader _reader;
    private readonly string? _region;
    private readonly IReadOnlyList<string> _defaultResourceIds;
    private readonly ILogger _logger;

    public AzureMonitorMetricsSource(string sourceName, IMetricsReader reader, string? region, IReadOnlyList<string> defaultResourceIds, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(defaultResourceIds);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "Azure Monitor metrics");
        _reader = reader;
        _region = region;
        _defaultResourceIds = defaultResourceIds;
        _logger = logger;
    }

    public async Task<TelemetryResult<ResourceMetricFact>> GetDailyMetricsAsync(ResourceMetricsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MetricNames.Count == 0 || query.Aggregations.Count == 0)
        {
            throw new ArgumentException("At least one metric name and one aggregation are needed.", nameof(query));
        }
        var resourceIds = query.ResourceIds.Count > 0 ? query.ResourceIds : _defaultResourceIds;
        var filter = query.SplitByDimension is { } dimension ? MetricsRequest.SplitBy(dimension) : null;
        var request = new MetricsRequest(query.MetricNamespace, query.MetricNames, query.Aggregations, _hourly, query.Days.Start, query.Days.End, filter);
        var answers = await _reader.ReadAsync(request, [.. resourceIds.Select(id => new MetricsTarget(id, _region))], cancellationToken).ConfigureAwait(false);

        var expected = DailyRollup.ExpectedPerDay(_hourly);
        var facts = new List<ResourceMetricFact>();
        var issues = new List<TelemetryIssue>();
        foreach (var resource in answers)
        {
            foreach (var metricName in query.MetricNames)
            {
                var metric = resource.Metric(metricName);
                var problem = resource.Error
                    ?? (metric is null ? "the answer did not include this metric." : null)
                    ?? (metric!.Succeeded ? null : $"{metric.ErrorCode}: {metric.ErrorMessage}");
                if (problem is not null)
                {
                    if (metric is { Succeeded: false })
                    {
                        TelemetryLog.MetricFailed(_logger, _source.Name, metricName, resource.ResourceId, metric.ErrorCode);
                    }
                    issues.Add(_source.Issue(resource.ResourceId, $"{metricName}: {problem}"));
                    facts.AddRange(Missing(resource.ResourceId, metricName, query.Days, expected));
                    continue;
                }
                if (metric!.Series.Count == 0)
                {
                    facts.AddRange(Missing(resource.ResourceId, metricName, query.Days, expected));
                    continue;
                }
                foreach (var series in metric.Series)
                {
                    var dimensionValue = query.SplitByDimension is { } split ? series.Dimension(split) : null;
                    facts.AddRange(Daily(resource.ResourceId, metricName, dimensionValue, series, query, expected));
                }
            }
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "metrics", facts.Count, issues.Count, facts.Select(f => f.Completeness));
        return new TelemetryResult<ResourceMetricFact>(facts, issues);
    }

    private static IEnumerable<ResourceMetricFact> Missing(string resourceId, string metricName, DayRange days, int expected) =>
        days.EachDay().Select(day => new ResourceMetricFact(resourceId, metricName, null, day, null, null, null, null, Completeness.Missing(expected)));

    private static IEnumerable<ResourceMetricFact> Daily(string resourceId, string metricName, string? dimensionValue, MetricSeries series, ResourceMetricsQuery query, int expected)
    {
        var totals = DailyRollup.ByDay(series.Points, "total", query.Days);
        var averages = DailyRollup.ByDay(series.Points, "average", query.Days);
        var minimums = DailyRollup.ByDay(series.Points, "minimum", query.Days);
        var maximums = DailyRollup.ByDay(series.Points, "maximum", query.Days);
        // An hour has arrived when any aggregation that was asked for has a value in it.
        var arrivedHours = query.Aggregations
            .SelectMany(aggregation => series.Points.Where(p => p.ValueOf(aggregation) is not null))
            .Select(p => p.TimeStamp)
            .Distinct()
            .GroupBy(DayRange.DayOf)
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var day in query.Days.EachDay())
        {
            yield return new ResourceMetricFact(
                resourceId,
                metricName,
                dimensionValue,
                day,
                totals.GetValueOrDefault(day)?.Sum,
                averages.GetValueOrDefault(day)?.Mean,
                minimums.GetValueOrDefault(day)?.Minimum,
                maximums.GetValueOrDefault(day)?.Maximum,
                new Completeness(expected, arrivedHours.GetValueOrDefault(day)));
        }
    }
}
