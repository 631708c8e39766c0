namespace CostOps.Domain.Pricing;

/// <summary>An Azure GPU VM size's pay-as-you-go Linux price in one region, with source and date.</summary>
/// <param name="Sku">The ARM size name, e.g. <c>Standard_NC40ads_H100_v5</c>.</param>
/// <param name="Region">The ARM region name, e.g. <c>eastus</c>.</param>
/// <param name="Scarce">Hard to re-allocate after a deallocation; the autopilot pauses it only when allowed.</param>
public sealed record GpuSkuPrice(
    string Sku,
    string Region,
    HourlyRate Hourly,
    int GpuCount,
    string GpuModel,
    bool Scarce,
    string Source,
    DateOnly? AsOf);
