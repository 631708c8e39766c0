namespace CostOps.Domain.Observed;

/// <summary>
/// Where a day's hourly GPU rate came from. One rate per workload-day feeds its estimated GPU cost, its break-even
/// and (through the cost) its savings, so the figures of one day never mix two rates.
/// </summary>
public enum GpuRateBasis
{
    /// <summary>Neither an actual cost with running hours nor a list price was known: the rate is unknown.</summary>
    Unknown = 0,

    /// <summary>The day's actual (amortized) GPU cost divided by its running instance-hours.</summary>
    ActualCostPerRunningHour = 1,

    /// <summary>The pay-as-you-go list price from Azure Retail Prices.</summary>
    RetailPrice = 2,

    /// <summary>The price book's rate for the workload's GPU size.</summary>
    PriceBook = 3,

    /// <summary>The hourly rate typed in the workload catalog (<c>selfHosted.gpuHourly</c>).</summary>
    Catalog = 4,
}
