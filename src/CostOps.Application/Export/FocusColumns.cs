namespace CostOps.Application.Export;

/// <summary>
/// The columns of the FOCUS 1.2 export, in file order: the FOCUS columns first (mandatory, then the conditional and
/// recommended ones CostOps can fill), then CostOps' own figures as <c>x_</c> custom columns, as FOCUS asks.
/// </summary>
public static class FocusColumns
{
    /// <summary>The FOCUS version the file follows.</summary>
    public const string FocusVersion = "1.2";

    /// <summary>FOCUS columns, by their FOCUS column id.</summary>
    public static IReadOnlyList<string> Focus { get; } =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart",
        "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName",
        "ListCost", "ListUnitPrice", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName",
        "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "ServiceSubcategory", "Tags",
    ];

    /// <summary>CostOps' figures for the same workload-day; an empty cell is an unknown figure, never zero.</summary>
    public static IReadOnlyList<string> Custom { get; } =
    [
        "x_WorkloadId", "x_SelfHostedCost", "x_GpuCost", "x_GpuHours", "x_GpuSku", "x_GpuCostSource", "x_GpuHourlyRate", "x_GpuRateBasis", "x_PricesAsOf", "x_CostBasis",
        "x_RecurringCost", "x_RetrainingCost", "x_AmortizedOneOffCost", "x_Requests", "x_InputTokens", "x_OutputTokens",
        "x_ApiRequests", "x_ApiEquivalentCost", "x_ApiActualCost", "x_Savings", "x_BreakEvenRequestsPerMonth",
        "x_ProjectedRequestsPerMonth", "x_DemandRatio", "x_NeverBreaksEven", "x_CapacityExceeded", "x_Completeness",
        "x_CompletenessDetail", "x_CalcVersion", "x_RunId", "x_ComputedAt",
    ];

    /// <summary>Every column, in file order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Focus, .. Custom];
}
