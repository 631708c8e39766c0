using System.Collections.Concurrent;
using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.RetailPrices;

/// <summary>
/// A process-local <see cref="IGpuPriceCache"/>: the fallback when no other cache is registered (telemetry without
/// storage). <c>AddCostOps</c> registers the <c>Prices</c> table's (<see cref="TableStorage.Stores.TableGpuPriceCache"/>) first.
/// </summary>
public sealed class InMemoryGpuPriceCache : IGpuPriceCache
{
    private readonly ConcurrentDictionary<(string Sku, string Region), GpuPriceFact> _prices = new();

    public ValueTask<GpuPriceFact?> GetAsync(string armSkuName, string armRegionName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_prices.TryGetValue(Key(armSkuName, armRegionName), out var price) ? price : null);

    public ValueTask SetAsync(GpuPriceFact price, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(price);
        _prices[Key(price.ArmSkuName, price.ArmRegionName)] = price;
        return ValueTask.CompletedTask;
    }

    private static (string, string) Key(string sku, string region) => (sku.ToLowerInvariant(), region.ToLowerInvariant());
}
