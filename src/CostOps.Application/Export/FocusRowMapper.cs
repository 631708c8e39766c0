using System.Globalization;
using System.Text.Json;
using CostOps.Application.Catalog;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;

namespace CostOps.Application.Export;

/// <summary>
/// Turns one stored workload-day into one FOCUS 1.2 row (cells in <see cref="FocusColumns.All"/> order; null is an empty
/// cell). The row is a showback charge of CostOps' own making, priced at the day's self-hosted TCO:
/// <list type="bullet">
/// <item><c>EffectiveCost</c> is the stored self-hosted cost (GPU + recurring + retraining + amortized fine-tuning).</item>
/// <item><c>BilledCost</c> is 0: the underlying charges were invoiced elsewhere (Azure's own FOCUS data, the fine-tuning
/// bill); 0 keeps them from being counted twice, as FOCUS does for usage covered by a prepaid commitment.</item>
/// <item><c>ListCost</c> and <c>ContractedCost</c> equal <c>EffectiveCost</c>: CostOps knows no price before or after
/// negotiated discounts for a workload-day, so it claims no discount (its savings against the API are <c>x_Savings</c>).</item>
/// <item>One row prices one day (<c>PricingQuantity</c> = <c>ConsumedQuantity</c> = 1 Days), so the unit prices equal the cost.</item>
/// </list>
/// A day whose self-hosted cost is unknown has no row: FOCUS cost columns may not be empty, and unknown is never 0.
/// </summary>
public static class FocusRowMapper
{
    /// <summary>The provider, publisher and invoice issuer of every row: the charges are CostOps' showback, not a vendor bill.</summary>
    public const string ProviderName = "CostOps";

    /// <summary>The billing account of every row (CostOps knows no provider billing account for a workload).</summary>
    public const string BillingAccountId = "costops";

    /// <summary>The ResourceType of every row.</summary>
    public const string ResourceType = "Self-hosted LLM workload";

    /// <summary>The ResourceId of a workload: unique within the provider "CostOps".</summary>
    public static string ResourceIdOf(string workloadId) => $"costops/workloads/{workloadId}";

    /// <summary>The row's cells, or null when the day's self-hosted cost is unknown.</summary>
    public static string?[]? Map(WorkloadDefinition workload, DailyTcoRecord record)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(record);
        var tco = record.Tco;
        if (tco.SelfHostedCost is not { } cost)
        {
            return null;
        }
        var day = DayRange.StartOf(tco.Day);
        var month = new DateOnly(tco.Day.Year, tco.Day.Month, 1);
        var amount = Number(cost.Usd);
        string?[] focus =
        [
            "0", // BilledCost
            BillingAccountId,
            "CostOps workload TCO", // BillingAccountName
            "USD", // BillingCurrency
            Instant(DayRange.StartOf(month.AddMonths(1))), // BillingPeriodEnd
            Instant(DayRange.StartOf(month)), // BillingPeriodStart
            "Usage", // ChargeCategory
            null, // ChargeClass: not a correction
            $"Self-hosted TCO of {workload.DisplayName}: GPU, recurring, retraining and amortized fine-tuning for one day", // ChargeDescription
            "Usage-Based", // ChargeFrequency
            Instant(day.AddDays(1)), // ChargePeriodEnd
            Instant(day), // ChargePeriodStart
            "1", // ConsumedQuantity
            "Days", // ConsumedUnit
            amount, // ContractedCost
            amount, // ContractedUnitPrice
            amount, // EffectiveCost
            ProviderName, // InvoiceIssuerName
            amount, // ListCost
            amount, // ListUnitPrice
            "1", // PricingQuantity
            "Days", // PricingUnit
            ProviderName, // ProviderName
            ProviderName, // PublisherName
            workload.Region, // RegionId
            workload.Region, // RegionName: CostOps knows the region's id only
            ResourceIdOf(workload.Id), // ResourceId
            workload.DisplayName, // ResourceName
            ResourceType, // ResourceType
            "AI and Machine Learning", // ServiceCategory
            "Self-hosted fine-tuned LLM", // ServiceName
            "Generative AI", // ServiceSubcategory
            Tags(workload), // Tags
        ];
        string?[] custom =
        [
            workload.Id,
            amount,
            Money(tco.GpuCost),
            Number(tco.GpuHours),
            workload.GpuSku,
            record.PriceSource.Name(),
            tco.GpuHourlyRate is { } rate ? Number(rate.UsdPerHour) : null,
            tco.GpuRateBasis.Name(),
            record.PricesAsOf is { } asOf ? Instant(asOf) : null,
            CostBasisName(tco.CostBasis),
            Money(tco.Recurring),
            Money(tco.Retrain),
            Money(tco.Amortized),
            Number(tco.Requests),
            Number(tco.InputTokens),
            Number(tco.OutputTokens),
            Number(tco.ApiRequests),
            Money(tco.ApiEquivalentCost),
            Money(tco.ApiActualCost),
            Money(tco.Savings),
            Number(tco.BreakEvenRequestsPerMonth),
            Number(tco.ProjectedRequestsPerMonth),
            Number(tco.DemandRatio),
            tco.NeverBreaksEven ? "true" : "false",
            tco.CapacityExceeded ? "true" : "false",
            Number(tco.Completeness),
            string.IsNullOrEmpty(record.CompletenessDetail) ? null : record.CompletenessDetail,
            record.CalcVersion.ToString(CultureInfo.InvariantCulture),
            record.RunId,
            Instant(record.ComputedAt),
        ];
        return [.. focus, .. custom];
    }

    /// <summary>The cost basis as written in <c>x_CostBasis</c>.</summary>
    public static string CostBasisName(CostBasis basis) => basis switch
    {
        CostBasis.AmortizedActual => "amortized-actual",
        CostBasis.Estimated => "estimated",
        _ => "unknown",
    };

    // FOCUS numeric format: a plain decimal, '.' as the separator, no sign for positives, no grouping.
    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Money(Money? value) => Number(value?.Usd);

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // The workload's fleet tag selector plus its id, as one JSON object (FOCUS key-value format).
    private static string Tags(WorkloadDefinition workload)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in workload.Resources.TagSelector)
        {
            tags[key] = value;
        }
        tags["costops-workload"] = workload.Id;
        return JsonSerializer.Serialize(tags, FocusJsonContext.Default.SortedDictionaryStringString);
    }
}
