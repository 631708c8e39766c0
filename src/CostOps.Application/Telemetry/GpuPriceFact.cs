namespace CostOps.Application.Telemetry;

/// <summary>
/// List prices of one GPU VM size in one region (Azure Retail Prices, Linux).
/// Prices are hourly, <c>decimal</c> in <paramref name="Currency"/> for now (the domain's money type comes later).
/// </summary>
/// <param name="ArmSkuName">e.g. <c>Standard_NC40ads_H100_v5</c>.</param>
/// <param name="ArmRegionName">e.g. <c>eastus</c>.</param>
/// <param name="Currency">The price currency (USD unless configured otherwise).</param>
/// <param name="PayAsYouGoHourly">Linux consumption price per hour; null when the API listed none.</param>
/// <param name="SpotHourly">Linux spot price per hour, when listed.</param>
/// <param name="Reservation1YearHourly">The 1-year reservation's term price divided by 8,760 hours, when listed.</param>
/// <param name="Reservation3YearHourly">The 3-year reservation's term price divided by 26,280 hours, when listed.</param>
/// <param name="FetchedAt">When the prices were read from the API.</param>
/// <param name="Completeness">1/1 when the pay-as-you-go price was found, 0/1 when not.</param>
public sealed record GpuPriceFact(
    string ArmSkuName,
    string ArmRegionName,
    string Currency,
    decimal? PayAsYouGoHourly,
    decimal? SpotHourly,
    decimal? Reservation1YearHourly,
    decimal? Reservation3YearHourly,
    DateTimeOffset FetchedAt,
    Completeness Completeness);
