namespace CostOps.Application.Digest.Inputs;

/// <summary>Where a day's GPU cost came from (docs/economics.md, "The nightly rows").</summary>
public enum DailyCostBasis
{
    /// <summary>Amortized cost from Azure Cost Management (<c>amortized-actual</c>).</summary>
    AmortizedActual,

    /// <summary>GPU hours times a list or price-book rate (<c>estimated</c>).</summary>
    Estimated,
}
