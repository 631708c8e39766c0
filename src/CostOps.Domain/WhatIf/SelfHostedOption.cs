using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>The fine-tuned model served on GPU instances that we pay for by the hour.</summary>
/// <param name="GpuHourly">h: price of one instance per hour.</param>
/// <param name="Instances">The allowed instance count, min..max.</param>
/// <param name="TokensPerSecondPerInstance">T: input + output tokens one instance sustains per second.</param>
/// <param name="TargetUtilization">u: the share of T we plan to use, in (0, 1].</param>
/// <param name="HoursPerMonth">H: hours an instance runs per month (730 = always on).</param>
/// <param name="RecurringMonthly">Monthly costs besides the GPUs (M).</param>
/// <param name="Retraining">Retraining cadence and cost.</param>
/// <param name="OneOff">One-off fine-tuning costs (I).</param>
/// <param name="AmortizationMonths">A: the useful life over which the one-off cost is spread.</param>
public sealed record SelfHostedOption(
    HourlyRate GpuHourly,
    InstanceRange Instances,
    decimal TokensPerSecondPerInstance,
    decimal TargetUtilization,
    decimal HoursPerMonth,
    RecurringCosts RecurringMonthly,
    RetrainingPlan Retraining,
    OneOffCosts OneOff,
    decimal AmortizationMonths)
{
    /// <summary>retrainMonthly = costPerRun / everyMonths (0 when never retrained).</summary>
    public Money RetrainMonthly => Retraining.Monthly;

    /// <summary>amortizedMonthly = I / A.</summary>
    public Money AmortizedMonthly => OneOff.Total / AmortizationMonths;

    /// <summary>What one instance costs per month: h * H.</summary>
    public Money InstanceMonthly => GpuHourly.For(HoursPerMonth);

    /// <summary>C = T * u * H * 3600 / ((i + o) * k): requests one instance serves per month.</summary>
    public decimal CapacityPerInstance(TrafficProfile traffic) =>
        TokensPerSecondPerInstance * TargetUtilization * HoursPerMonth * BillingCalendar.SecondsPerHour
        / (traffic.TokensPerRequest * traffic.PeakToAverage);

    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        errors.AddRange(Instances.Validate($"{path}.instances"));
        errors.Positive(TokensPerSecondPerInstance, $"{path}.tokensPerSecondPerInstance");
        if (TargetUtilization <= 0m || TargetUtilization > 1m)
        {
            errors.Add($"{path}.targetUtilization", $"must be greater than 0 and at most 1 (was {TargetUtilization})");
        }
        errors.InRange(HoursPerMonth, 0.000001m, 744m, $"{path}.hoursPerMonth");
        errors.AddRange(RecurringMonthly.Validate($"{path}.recurringMonthly"));
        errors.AddRange(Retraining.Validate($"{path}.retraining"));
        errors.AddRange(OneOff.Validate($"{path}.oneOff"));
        errors.Positive(AmortizationMonths, $"{path}.amortizationMonths");
        return errors.Errors;
    }
}
