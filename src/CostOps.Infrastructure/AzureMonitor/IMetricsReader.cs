namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>Reads raw Azure Monitor metrics: live (batch API with ARM fallback) or from exported ARM-format files.</summary>
public interface IMetricsReader
{
    /// <summary>One <see cref="ResourceMetrics"/> per target, in the order given.</summary>
    Task<IReadOnlyList<ResourceMetrics>> ReadAsync(MetricsRequest request, IReadOnlyList<MetricsTarget> targets, CancellationToken cancellationToken = default);
}
