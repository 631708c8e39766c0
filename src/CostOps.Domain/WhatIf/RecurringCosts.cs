using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>Monthly costs of running the self-hosted model besides the GPUs (M is their sum).</summary>
public sealed record RecurringCosts(Money Monitoring, Money Evaluation, Money Engineering, Money Other)
{
    public static readonly RecurringCosts None = new(Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    public Money Total => Monitoring + Evaluation + Engineering + Other;

    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        errors.NonNegative(Monitoring.Usd, $"{path}.monitoring");
        errors.NonNegative(Evaluation.Usd, $"{path}.evaluation");
        errors.NonNegative(Engineering.Usd, $"{path}.engineering");
        errors.NonNegative(Other.Usd, $"{path}.other");
        return errors.Errors;
    }
}
