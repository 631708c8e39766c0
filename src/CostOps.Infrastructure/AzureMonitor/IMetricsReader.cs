namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>Receives one target's metrics (its index in the targets asked for) as soon as its answer is read.</summary>
public delegate void ResourceMetricsHandler(int target, ResourceMetrics metrics);

/// <summary>Reads raw Azure Monitor metrics: live (batch API with ARM fallback) or from exported ARM-format files.</summary>
public interface IMetricsReader
{
    /// <summary>One <see cref="ResourceMetrics"/> per target, in the order given.</summary>
    Task<IReadOnlyList<ResourceMetrics>> ReadAsync(MetricsRequest request, IReadOnlyList<MetricsTarget> targets, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands each target's metrics to <paramref name="onResource"/> as soon as its answer is read, in no set order and
    /// never two calls at once, so that a caller reducing a fleet's answers never holds all of them (10,000 VMs of hourly
    /// points are hundreds of megabytes as objects). Each target is handed over exactly once.
    /// </summary>
    async Task ReadEachAsync(MetricsRequest request, IReadOnlyList<MetricsTarget> targets, ResourceMetricsHandler onResource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onResource);
        var all = await ReadAsync(request, targets, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < all.Count; i++)
        {
            onResource(i, all[i]);
        }
    }
}
