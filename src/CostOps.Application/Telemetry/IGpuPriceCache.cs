namespace CostOps.Application.Telemetry;

/// <summary>
/// Where fetched GPU prices are kept between runs (prices change rarely). The <c>Prices</c> table will
/// implement this; until then an in-memory cache does.
/// </summary>
public interface IGpuPriceCache
{
    /// <summary>The cached price, or null.</summary>
    ValueTask<GpuPriceFact?> GetAsync(string armSkuName, string armRegionName, CancellationToken cancellationToken = default);

    /// <summary>Stores (replaces) a price.</summary>
    ValueTask SetAsync(GpuPriceFact price, CancellationToken cancellationToken = default);
}
