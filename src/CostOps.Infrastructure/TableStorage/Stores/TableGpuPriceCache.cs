using Azure.Data.Tables;
using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// The <c>Prices</c> table as the GPU list-price cache: PartitionKey <c>gpu</c>, RowKey
/// <c>{armSkuName}|{armRegionName}</c> (lower case; '/' is not allowed in keys), with the fetched-at
/// time so readers (and the stale-price guard) can see how old a price is.
/// </summary>
public sealed class TableGpuPriceCache(TableClient table) : IGpuPriceCache
{
    public const string GpuPartition = "gpu";

    public async ValueTask<GpuPriceFact?> GetAsync(string armSkuName, string armRegionName, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(GpuPartition, RowKey(armSkuName, armRegionName), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }
        return new GpuPriceFact(
            entity.GetString("ArmSkuName") ?? armSkuName,
            entity.GetString("ArmRegionName") ?? armRegionName,
            entity.GetString("Currency") ?? "USD",
            Dec(entity, "PayAsYouGoHourly"),
            Dec(entity, "SpotHourly"),
            Dec(entity, "Reservation1YearHourly"),
            Dec(entity, "Reservation3YearHourly"),
            entity.GetDateTimeOffset("FetchedAt") ?? DateTimeOffset.MinValue,
            new Completeness(entity.GetInt32("Expected") ?? 1, entity.GetInt32("Arrived") ?? 0));
    }

    public async ValueTask SetAsync(GpuPriceFact price, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(price);
        var entity = new TableEntity(GpuPartition, RowKey(price.ArmSkuName, price.ArmRegionName))
        {
            ["ArmSkuName"] = price.ArmSkuName,
            ["ArmRegionName"] = price.ArmRegionName,
            ["Currency"] = price.Currency,
            ["FetchedAt"] = price.FetchedAt,
            ["Source"] = "azure-retail-prices",
            ["Expected"] = price.Completeness.Expected,
            ["Arrived"] = price.Completeness.Arrived,
        };
        Set(entity, "PayAsYouGoHourly", price.PayAsYouGoHourly);
        Set(entity, "SpotHourly", price.SpotHourly);
        Set(entity, "Reservation1YearHourly", price.Reservation1YearHourly);
        Set(entity, "Reservation3YearHourly", price.Reservation3YearHourly);
        TableEntityValidator.ValidateForWrite(entity);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static string RowKey(string sku, string region) => $"{sku}|{region}".ToLowerInvariant();

    private static void Set(TableEntity entity, string name, decimal? value)
    {
        if (value is { } v)
        {
            entity[name] = (double)v;
        }
    }

    private static decimal? Dec(TableEntity entity, string name) => entity.ReadDouble(name) is { } d ? (decimal)d : null;
}
