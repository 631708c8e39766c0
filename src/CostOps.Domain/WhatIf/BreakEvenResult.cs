using CostOps.Domain.Pricing;

namespace CostOps.Domain.WhatIf;

/// <summary>Every figure the what-if reports. Nullable figures are null where docs/economics.md says there is none.</summary>
/// <param name="ApiCostPerRequest">a: API cost of one request.</param>
/// <param name="ApiMonthlyCost">apiMonthly(R) = R * a + Fapi.</param>
/// <param name="SelfHostedMonthlyCost">selfMonthly(R) at the instances needed for R.</param>
/// <param name="MonthlySavings">apiMonthly(R) - selfMonthly(R); positive means self-hosting is cheaper.</param>
/// <param name="InstancesNeeded">n(R) = clamp(ceil(R / C), min, max).</param>
/// <param name="CapacityExceeded">ceil(R / C) > max: self-hosting cannot serve R; costs are at max instances.</param>
/// <param name="CapacityPerInstance">C: requests per month one instance serves at the target utilization and peak.</param>
/// <param name="BreakEvenRequestsPerMonth">R*: the smallest R with selfMonthly(R) &lt;= apiMonthly(R); null if never.</param>
/// <param name="BreakEvenTokensPerMonth">R* * (i + o).</param>
/// <param name="UtilizationAtBreakEven">Peak share of the instances' raw throughput in use at R*.</param>
/// <param name="PaybackMonths">Months for the one-off cost to pay back; null if it never does.</param>
/// <param name="Tco3Years">36-month totals of both paths, with growth.</param>
/// <param name="QualityAdjusted">Cost per successful request, when eval accuracies are known.</param>
public sealed record BreakEvenResult(
    Money ApiCostPerRequest,
    Money ApiMonthlyCost,
    Money SelfHostedMonthlyCost,
    Money MonthlySavings,
    int InstancesNeeded,
    bool CapacityExceeded,
    decimal CapacityPerInstance,
    decimal? BreakEvenRequestsPerMonth,
    decimal? BreakEvenTokensPerMonth,
    decimal? UtilizationAtBreakEven,
    decimal? PaybackMonths,
    Tco3Years Tco3Years,
    QualityAdjustedCost? QualityAdjusted)
{
    public bool NeverBreaksEven => BreakEvenRequestsPerMonth is null;
}

/// <summary>Total cost of ownership over 36 months for each path.</summary>
public sealed record Tco3Years(Money SelfHosted, Money Api);

/// <summary>Monthly cost divided by the requests each path answers correctly (R * accuracy).</summary>
public sealed record QualityAdjustedCost(Money? SelfHostedPerSuccessfulRequest, Money? ApiPerSuccessfulRequest);
