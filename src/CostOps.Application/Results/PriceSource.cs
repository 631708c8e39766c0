namespace CostOps.Application.Results;

/// <summary>
/// What priced a stored day's GPU cost: its actual cost, or the list rate it was estimated with. Stored and sent
/// as the spellings of <see cref="PriceSources"/>; inside the code only this type travels.
/// </summary>
public enum PriceSource
{
    /// <summary>Neither an actual cost nor a list rate was known (<c>unknown</c>).</summary>
    Unknown = 0,

    /// <summary>The actual amortized cost from Cost Management or a cost export (<c>actual-cost</c>).</summary>
    ActualCost,

    /// <summary>Hours x the Azure Retail Prices pay-as-you-go rate (<c>retail-prices</c>).</summary>
    RetailPrices,

    /// <summary>Hours x the price book's rate for the GPU size (<c>price-book</c>).</summary>
    PriceBook,

    /// <summary>Hours x the rate typed in the workload catalog (<c>catalog</c>).</summary>
    Catalog,
}

/// <summary>The stored and JSON spellings of <see cref="PriceSource"/>.</summary>
public static class PriceSources
{
    public static string Name(this PriceSource source) => source switch
    {
        PriceSource.ActualCost => "actual-cost",
        PriceSource.RetailPrices => "retail-prices",
        PriceSource.PriceBook => "price-book",
        PriceSource.Catalog => "catalog",
        _ => "unknown",
    };

    /// <summary>The source a stored spelling names; <see cref="PriceSource.Unknown"/> for anything else.</summary>
    public static PriceSource Parse(string? name) => name switch
    {
        "actual-cost" => PriceSource.ActualCost,
        "retail-prices" => PriceSource.RetailPrices,
        "price-book" => PriceSource.PriceBook,
        "catalog" => PriceSource.Catalog,
        _ => PriceSource.Unknown,
    };
}
