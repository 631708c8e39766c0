namespace CostOps.Application.Telemetry;

/// <summary>Reads Azure Monitor platform metrics per resource and UTC day (batch API, ARM fallback, or exported files).</summary>
public interface IResourceMetricsSource
{
    /// <summary>One fact per resource, metric, dimension value and day. A metric that failed for one resource is an issue plus missing facts.</summary>
    /// <exception cref="TelemetrySourceException">Azure Monitor could not answer.</exception>
    Task<TelemetryResult<ResourceMetricFact>> GetDailyMetricsAsync(ResourceMetricsQuery query, CancellationToken cancellationToken = default);
}
