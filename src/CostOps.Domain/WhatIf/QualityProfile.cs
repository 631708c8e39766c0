using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>Measured eval accuracy of each path, for cost per successful request.</summary>
public sealed record QualityProfile(decimal SelfHostedAccuracy, decimal ApiAccuracy)
{
    public IEnumerable<FieldError> Validate(string path)
    {
        var errors = new FieldErrors();
        if (SelfHostedAccuracy <= 0m || SelfHostedAccuracy > 1m)
        {
            errors.Add($"{path}.selfHostedAccuracy", $"must be greater than 0 and at most 1 (was {SelfHostedAccuracy})");
        }
        if (ApiAccuracy <= 0m || ApiAccuracy > 1m)
        {
            errors.Add($"{path}.apiAccuracy", $"must be greater than 0 and at most 1 (was {ApiAccuracy})");
        }
        return errors.Errors;
    }
}
