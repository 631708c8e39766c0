using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>The one-off cost of the fine-tune (I is their sum), amortized over the model's useful life.</summary>
public sealed record OneOffCosts(
    Money DataPreparation,
    Money Annotation,
    Money LegalReview,
    Money Experimentation,
    Money Training,
    Money EvaluationSetup)
{
    public static readonly OneOffCosts None = new(
        Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    public Money Total => DataPreparation + Annotation + LegalReview + Experimentation + Training + EvaluationSetup;

    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        errors.NonNegative(DataPreparation.Usd, $"{path}.dataPreparation");
        errors.NonNegative(Annotation.Usd, $"{path}.annotation");
        errors.NonNegative(LegalReview.Usd, $"{path}.legalReview");
        errors.NonNegative(Experimentation.Usd, $"{path}.experimentation");
        errors.NonNegative(Training.Usd, $"{path}.training");
        errors.NonNegative(EvaluationSetup.Usd, $"{path}.evaluationSetup");
        return errors.Errors;
    }
}
