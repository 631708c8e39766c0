using CostOps.Infrastructure.AzureMonitor;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.Files;

/// <summary>
/// Metrics answered from saved ARM metrics answers (<c>GET {resourceId}/providers/Microsoft.Insights/metrics</c>),
/// parsed by the same code as the live client. Each metric's resource comes from its id; a target with no saved
/// answer is reported as unreadable, and buckets outside the requested window are dropped. A saved answer at another
/// interval than the requested one is brought to it (or refused) as a live answer is (<see cref="MetricsGrain"/>).
/// </summary>
internal sealed class AzureMonitorMetricsFileReader : IMetricsReader
{
    private readonly SourceContext _source;
    private readonly string _path;

    public AzureMonitorMetricsFileReader(string sourceName, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _source = new SourceContext(sourceName, "Azure Monitor metrics export");
        _path = path;
    }

    public Task<IReadOnlyList<ResourceMetrics>> ReadAsync(MetricsRequest request, IReadOnlyList<MetricsTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(targets);
        var byResource = new Dictionary<string, List<MetricResult>>(StringComparer.OrdinalIgnoreCase);
        var refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in ExportFiles.Resolve(_path, ".json", _source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = _source.For($"Azure Monitor metrics export '{Path.GetFileName(file)}'");
            using var stream = ExportFiles.Open(file, source);
            var body = TelemetryHttp.ReadJson(stream, MetricsJsonContext.Default.MetricsResponseBody, source);
            var parsed = MetricsParser.Parse(body.Value, source);
            var (atGrain, problem) = MetricsGrain.ToRequested(parsed, body.Interval, request);
            for (var i = 0; i < parsed.Count; i++)
            {
                var resourceId = MetricsParser.ResourceIdOf(body.Value![i])
                    ?? throw TelemetryHttp.Malformed(source, $"metric '{parsed[i].Name}' has no id naming its resource.");
                if (problem is not null)
                {
                    refused[resourceId] = $"'{Path.GetFileName(file)}' {problem}";
                    continue;
                }
                if (!byResource.TryGetValue(resourceId, out var metrics))
                {
                    byResource[resourceId] = metrics = [];
                }
                metrics.Add(Within(atGrain[i], request));
            }
        }
        IReadOnlyList<ResourceMetrics> results = [.. targets.Select(t => refused.TryGetValue(t.ResourceId, out var problem)
            ? ResourceMetrics.Failed(t.ResourceId, problem)
            : byResource.TryGetValue(t.ResourceId, out var metrics)
            ? new ResourceMetrics(t.ResourceId, [.. metrics.Where(m => request.MetricNames.Contains(m.Name, StringComparer.OrdinalIgnoreCase))])
            : ResourceMetrics.Failed(t.ResourceId, "no exported metrics for this resource."))];
        return Task.FromResult(results);
    }

    private static MetricResult Within(MetricResult metric, MetricsRequest request) =>
        metric with
        {
            Series = [.. metric.Series.Select(s => s with { Points = [.. s.Points.Where(p => p.TimeStamp >= request.Start && p.TimeStamp < request.End)] })],
        };
}
