namespace CostOps.Infrastructure.RetailPrices;

/// <summary>
/// Sorts retail price rows the way the reference classifies them: <c>productName</c> ending in " Windows" is Windows,
/// <c>skuName</c>/<c>meterName</c> with "Low Priority" is Batch low priority, with "Spot" is spot; <c>type</c>
/// "Reservation" is a reservation whose <c>retailPrice</c> covers the whole term; "DevTestConsumption" is Dev/Test.
/// </summary>
internal static class RetailPriceClassifier
{
    public const decimal HoursPerYear = 8_760m;
    public const decimal HoursPerThreeYears = 26_280m;

    public static RetailPriceKind Classify(RetailPriceItemBody item)
    {
        if (item.ProductName?.EndsWith(" Windows", StringComparison.OrdinalIgnoreCase) == true
            || Mentions(item, "Low Priority"))
        {
            return RetailPriceKind.Skip;
        }
        if (string.Equals(item.Type, "Reservation", StringComparison.OrdinalIgnoreCase))
        {
            return item.ReservationTerm?.Trim() switch
            {
                "1 Year" => RetailPriceKind.Reservation1Year,
                "3 Years" => RetailPriceKind.Reservation3Years,
                _ => RetailPriceKind.Skip,
            };
        }
        if (!string.Equals(item.Type, "Consumption", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(item.UnitOfMeasure?.Trim(), "1 Hour", StringComparison.OrdinalIgnoreCase))
        {
            return RetailPriceKind.Skip;
        }
        return Mentions(item, "Spot") ? RetailPriceKind.Spot : RetailPriceKind.PayAsYouGo;
    }

    /// <summary>The hourly price of a classified row (reservations: the term price spread over the term's hours).</summary>
    public static decimal Hourly(RetailPriceKind kind, decimal retailPrice) => kind switch
    {
        RetailPriceKind.Reservation1Year => retailPrice / HoursPerYear,
        RetailPriceKind.Reservation3Years => retailPrice / HoursPerThreeYears,
        _ => retailPrice,
    };

    private static bool Mentions(RetailPriceItemBody item, string word) =>
        item.SkuName?.Contains(word, StringComparison.OrdinalIgnoreCase) == true
        || item.MeterName?.Contains(word, StringComparison.OrdinalIgnoreCase) == true;
}
