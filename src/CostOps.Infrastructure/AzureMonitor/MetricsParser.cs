using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>Turns the wire shape shared by the ARM metrics API, the batch API and exported files into <see cref="MetricResult"/>s.</summary>
internal static class MetricsParser
{
    private const string MetricIdSeparator = "/providers/Microsoft.Insights/metrics/";

    public static IReadOnlyList<MetricResult> Parse(List<MetricBody>? metrics, SourceContext source)
    {
        if (metrics is null)
        {
            throw TelemetryHttp.Malformed(source, "the metrics answer has no 'value' array.");
        }
        var results = new List<MetricResult>(metrics.Count);
        foreach (var metric in metrics)
        {
            var name = metric.Name?.Value;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw TelemetryHttp.Malformed(source, "a metric has no name.");
            }
            var series = new List<MetricSeries>();
            foreach (var timeSeries in metric.Timeseries ?? [])
            {
                var dimensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var metadata in timeSeries.Metadatavalues ?? [])
                {
                    if (metadata.Name?.Value is { Length: > 0 } dimension)
                    {
                        dimensions[dimension] = metadata.Value ?? string.Empty;
                    }
                }
                var points = new List<MetricPoint>();
                foreach (var value in timeSeries.Data ?? [])
                {
                    if (value.TimeStamp is not { } timeStamp)
                    {
                        throw TelemetryHttp.Malformed(source, $"a data point of metric '{name}' has no timeStamp.");
                    }
                    points.Add(new MetricPoint(timeStamp, value.Average, value.Minimum, value.Maximum, value.Total, value.Count));
                }
                series.Add(new MetricSeries(dimensions, points));
            }
            // Older payloads omit errorCode on success; a metric with data and no code is a success.
            var errorCode = string.IsNullOrWhiteSpace(metric.ErrorCode) ? "Success" : metric.ErrorCode;
            results.Add(new MetricResult(name, metric.Unit, errorCode, metric.ErrorMessage, series));
        }
        return results;
    }

    /// <summary>The resource id a metric id belongs to (<c>{resourceId}/providers/Microsoft.Insights/metrics/{name}</c>).</summary>
    public static string? ResourceIdOf(MetricBody metric)
    {
        var id = metric.Id;
        if (id is null)
        {
            return null;
        }
        var at = id.IndexOf(MetricIdSeparator, StringComparison.OrdinalIgnoreCase);
        return at > 0 ? id[..at] : null;
    }
}
