namespace CostOps.Application.Telemetry;

/// <summary>Reads GPU VM list prices (Azure Retail Prices API).</summary>
public interface IGpuPriceSource
{
    /// <summary>The Linux prices of <paramref name="armSkuName"/> in <paramref name="armRegionName"/>.</summary>
    /// <exception cref="TelemetrySourceException">The source could not answer.</exception>
    Task<GpuPriceFact> GetGpuPriceAsync(string armSkuName, string armRegionName, CancellationToken cancellationToken = default);
}
