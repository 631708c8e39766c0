using System.Text.Json.Serialization;

namespace CostOps.Infrastructure.RetailPrices;

// The Azure Retail Prices API page: a PascalCase envelope around camelCase items.

internal sealed class RetailPricesPageBody
{
    public string? BillingCurrency { get; init; }

    public List<RetailPriceItemBody>? Items { get; init; }

    public string? NextPageLink { get; init; }

    public int? Count { get; init; }
}

internal sealed class RetailPriceItemBody
{
    public string? CurrencyCode { get; init; }

    public decimal? TierMinimumUnits { get; init; }

    public decimal? RetailPrice { get; init; }

    public decimal? UnitPrice { get; init; }

    public string? ArmRegionName { get; init; }

    public DateTimeOffset? EffectiveStartDate { get; init; }

    public string? MeterName { get; init; }

    public string? ProductName { get; init; }

    public string? SkuName { get; init; }

    public string? ServiceName { get; init; }

    public string? UnitOfMeasure { get; init; }

    public string? Type { get; init; }

    public bool? IsPrimaryMeterRegion { get; init; }

    public string? ArmSkuName { get; init; }

    public string? ReservationTerm { get; init; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RetailPricesPageBody))]
internal sealed partial class RetailPricesJsonContext : JsonSerializerContext;
