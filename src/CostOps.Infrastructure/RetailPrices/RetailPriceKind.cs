namespace CostOps.Infrastructure.RetailPrices;

/// <summary>What a retail price row is, for a Linux GPU VM.</summary>
internal enum RetailPriceKind
{
    /// <summary>Not usable here: Windows, Low Priority (Batch), Dev/Test, other units.</summary>
    Skip = 0,
    PayAsYouGo,
    Spot,
    Reservation1Year,
    Reservation3Years,
}
