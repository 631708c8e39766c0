using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.RetailPrices;

/// <summary>
/// GPU VM list prices (Linux) from Azure Retail Prices: pay-as-you-go, spot, and 1- and 3-year reservations per hour.
/// Of several rows of one kind, the one in effect now with the latest start wins (primary meter region first).
/// Prices come from the <see cref="IGpuPriceCache"/> while younger than the configured maximum age.
/// </summary>
internal sealed class RetailGpuPriceSource : IGpuPriceSource
{
    private readonly RetailPricesClient _client;
    private readonly IGpuPriceCache _cache;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public RetailGpuPriceSource(RetailPricesClient client, IGpuPriceCache cache, TimeSpan maxAge, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _cache = cache;
        _maxAge = maxAge;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<GpuPriceFact> GetGpuPriceAsync(string armSkuName, string armRegionName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(armSkuName);
        ArgumentException.ThrowIfNullOrWhiteSpace(armRegionName);
        var now = _timeProvider.GetUtcNow();
        if (await _cache.GetAsync(armSkuName, armRegionName, cancellationToken).ConfigureAwait(false) is { } cached && now - cached.FetchedAt < _maxAge)
        {
            TelemetryLog.PriceFromCache(_logger, _client.Source.Name, armSkuName, armRegionName, cached.FetchedAt);
            return cached;
        }

        var (currency, items) = await _client.ReadVmPricesAsync(armSkuName, armRegionName, cancellationToken).ConfigureAwait(false);
        var chosen = items
            .Where(i => string.Equals(i.ArmSkuName, armSkuName, StringComparison.OrdinalIgnoreCase)
                && string.Equals(i.ArmRegionName, armRegionName, StringComparison.OrdinalIgnoreCase)
                && i.RetailPrice is not null
                && (i.TierMinimumUnits ?? 0) == 0
                && (i.EffectiveStartDate is null || i.EffectiveStartDate <= now))
            .Select(i => (Item: i, Kind: RetailPriceClassifier.Classify(i)))
            .Where(x => x.Kind != RetailPriceKind.Skip)
            .GroupBy(x => x.Kind)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(x => x.Item.IsPrimaryMeterRegion ?? false)
                    .ThenByDescending(x => x.Item.EffectiveStartDate ?? DateTimeOffset.MinValue)
                    .Select(x => RetailPriceClassifier.Hourly(x.Kind, x.Item.RetailPrice!.Value))
                    .First());

        decimal? Price(RetailPriceKind kind) => chosen.TryGetValue(kind, out var price) ? price : null;
        var payAsYouGo = Price(RetailPriceKind.PayAsYouGo);
        var fact = new GpuPriceFact(
            armSkuName,
            armRegionName,
            currency,
            payAsYouGo,
            Price(RetailPriceKind.Spot),
            Price(RetailPriceKind.Reservation1Year),
            Price(RetailPriceKind.Reservation3Years),
            now,
            payAsYouGo is null ? Completeness.Missing(1) : Completeness.Full(1));
        if (payAsYouGo is null)
        {
            TelemetryLog.PriceNotListed(_logger, _client.Source.Name, armSkuName, armRegionName);
        }
        else
        {
            // Only complete answers are cached: a miss is asked again next time.
            await _cache.SetAsync(fact, cancellationToken).ConfigureAwait(false);
        }
        return fact;
    }
}
