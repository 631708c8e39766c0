using CostOps.Application.Telemetry;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage.Stores;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableGpuPriceCacheTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Prices_RoundTrip_WithTheirFetchedAt_AndUnlistedPricesStayUnknown()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var cache = new TableGpuPriceCache(tables.Table);
        var fetched = new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
        var price = new GpuPriceFact("Standard_NC40ads_H100_v5", "eastus", "USD", 6.98m, 2.094m, null, 3.9m, fetched, Completeness.Full(1));

        await cache.SetAsync(price);
        var read = await cache.GetAsync("standard_nc40ads_h100_v5", "EastUS");

        Assert.Equal(price, read);
        Assert.Null(await cache.GetAsync("Standard_NC4as_T4_v3", "eastus"));
    }
}
