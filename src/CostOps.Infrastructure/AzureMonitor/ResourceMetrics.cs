namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>
/// The metrics read for one resource, keyed by the id as it was asked for. <see cref="Error"/> is set when
/// the resource could not be read at all (e.g. ARM answered 404); failed single metrics carry their own error code.
/// </summary>
public sealed record ResourceMetrics(string ResourceId, IReadOnlyList<MetricResult> Metrics, string? Error = null)
{
    public static ResourceMetrics Failed(string resourceId, string error) => new(resourceId, [], error);

    /// <summary>The metric with that name (case-insensitive), or null when the answer did not include it.</summary>
    public MetricResult? Metric(string name) =>
        Metrics.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
