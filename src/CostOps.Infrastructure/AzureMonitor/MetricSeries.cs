namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>
/// One time series of a metric: its dimension values and buckets. Dimension names come back lower-cased
/// from Azure Monitor, so <see cref="Dimensions"/> compares keys case-insensitively.
/// </summary>
public sealed record MetricSeries(IReadOnlyDictionary<string, string> Dimensions, IReadOnlyList<MetricPoint> Points)
{
    /// <summary>The value of a dimension (any casing), or null.</summary>
    public string? Dimension(string name) => Dimensions.TryGetValue(name, out var value) ? value : null;
}
