namespace CostOps.Domain.Observed;

/// <summary>Where a day's GPU cost came from (named, as opencost does, so readers know how far to trust it).</summary>
public enum CostBasis
{
    /// <summary>No cost and no running hours were known: the day's GPU cost is unknown.</summary>
    Unknown = 0,

    /// <summary>Azure Cost Management amortized cost for the day's resources.</summary>
    AmortizedActual = 1,

    /// <summary>Running hours x the hourly list price (price book or Azure Retail Prices).</summary>
    Estimated = 2,
}
