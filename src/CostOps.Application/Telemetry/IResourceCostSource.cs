namespace CostOps.Application.Telemetry;

/// <summary>Reads the actual (amortized) daily cost of Azure resources (Cost Management, FOCUS exports).</summary>
public interface IResourceCostSource
{
    /// <summary>One fact per resource and UTC day.</summary>
    /// <exception cref="TelemetrySourceException">The source could not answer.</exception>
    Task<TelemetryResult<ResourceCostFact>> GetDailyCostsAsync(ResourceCostQuery query, CancellationToken cancellationToken = default);
}
