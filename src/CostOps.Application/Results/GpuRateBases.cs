using CostOps.Domain.Observed;

namespace CostOps.Application.Results;

/// <summary>The stored and JSON spellings of <see cref="GpuRateBasis"/>.</summary>
public static class GpuRateBases
{
    public static string Name(this GpuRateBasis basis) => basis switch
    {
        GpuRateBasis.ActualCostPerRunningHour => "actual-cost-per-running-hour",
        GpuRateBasis.RetailPrice => "retail-price",
        GpuRateBasis.PriceBook => "price-book",
        GpuRateBasis.Catalog => "catalog",
        _ => "unknown",
    };

    /// <summary>The basis a stored spelling names; <see cref="GpuRateBasis.Unknown"/> for anything else (rows written before the rate was stored).</summary>
    public static GpuRateBasis Parse(string? name) => name switch
    {
        "actual-cost-per-running-hour" => GpuRateBasis.ActualCostPerRunningHour,
        "retail-price" => GpuRateBasis.RetailPrice,
        "price-book" => GpuRateBasis.PriceBook,
        "catalog" => GpuRateBasis.Catalog,
        _ => GpuRateBasis.Unknown,
    };

    /// <summary>The <see cref="PriceSource"/> of a list-rate basis (what priced an estimated GPU cost).</summary>
    public static PriceSource ListPriceSource(this GpuRateBasis basis) => basis switch
    {
        GpuRateBasis.RetailPrice => PriceSource.RetailPrices,
        GpuRateBasis.PriceBook => PriceSource.PriceBook,
        GpuRateBasis.Catalog => PriceSource.Catalog,
        _ => PriceSource.Unknown,
    };
}
