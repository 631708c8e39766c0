using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Observed;

/// <summary>
/// A workload's standing cost terms, from its catalog entry: what the fine-tune cost and for how
/// long it is amortized, what running it costs besides GPUs, its instance limits and planned
/// throughput, and the API option it is compared against.
/// </summary>
/// <param name="GoLive">First UTC day the fine-tuned model served traffic; amortization starts here.</param>
/// <param name="PlannedTokensPerSecondPerInstance">Throughput of one instance from load tests; null to use the measured p95.</param>
/// <param name="ListHourlyRate">Hourly price of one instance, used when no actual cost per running hour is known.</param>
/// <param name="ListRateBasis">Where <paramref name="ListHourlyRate"/> came from: the price book or the catalog's own figure.</param>
public sealed record WorkloadEconomics(
    DateOnly GoLive,
    OneOffCosts OneOff,
    decimal AmortizationMonths,
    RecurringCosts Recurring,
    RetrainingPlan Retraining,
    ApiOption Api,
    InstanceRange Instances,
    decimal TargetUtilization,
    decimal? PlannedTokensPerSecondPerInstance,
    HourlyRate? ListHourlyRate,
    GpuRateBasis ListRateBasis = GpuRateBasis.PriceBook)
{
    /// <summary>
    /// The first day after the amortization window. "A months" is A x 30.416667 days (the billing
    /// month), rounded up to whole days, so the daily amounts add up to the one-off cost.
    /// </summary>
    public DateOnly AmortizationEnd => GoLive.AddDays((int)Math.Ceiling(AmortizationMonths * BillingCalendar.DaysPerMonth));

    public bool IsAmortizing(DateOnly day) => day >= GoLive && day < AmortizationEnd;

    /// <summary>recurring(d) = M / 30.416667.</summary>
    public Money RecurringPerDay => Recurring.Total / BillingCalendar.DaysPerMonth;

    /// <summary>retrain(d) = retrainMonthly / 30.416667.</summary>
    public Money RetrainPerDay => Retraining.Monthly / BillingCalendar.DaysPerMonth;

    /// <summary>amortized(d) = I / (A x 30.416667) inside the amortization window, else 0.</summary>
    public Money AmortizedOn(DateOnly day) =>
        IsAmortizing(day) ? OneOff.Total / (AmortizationMonths * BillingCalendar.DaysPerMonth) : Money.Zero;
}
