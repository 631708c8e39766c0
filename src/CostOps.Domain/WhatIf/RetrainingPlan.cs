using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>Retraining cadence: a run costs <see cref="CostPerRun"/> every <see cref="EveryMonths"/> months (0 = never).</summary>
public sealed record RetrainingPlan(Money CostPerRun, decimal EveryMonths)
{
    public static readonly RetrainingPlan Never = new(Money.Zero, 0m);

    public Money Monthly => EveryMonths == 0m ? Money.Zero : CostPerRun / EveryMonths;

    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        errors.NonNegative(CostPerRun.Usd, $"{path}.costPerRun");
        errors.NonNegative(EveryMonths, $"{path}.everyMonths");
        return errors.Errors;
    }
}
