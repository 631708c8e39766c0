using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>A complete what-if: the traffic, the API option and the self-hosted option (docs/economics.md, "The what-if model").</summary>
public sealed record WhatIfScenario(TrafficProfile Traffic, ApiOption Api, SelfHostedOption SelfHosted, QualityProfile? Quality = null)
{
    /// <summary>Every rule the scenario breaks, each naming its camelCase field path.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new FieldErrors();
        errors.AddRange(Traffic.Validate("traffic"));
        errors.AddRange(Api.Validate("api"));
        errors.AddRange(SelfHosted.Validate("selfHosted"));
        if (Quality is not null)
        {
            errors.AddRange(Quality.Validate("quality"));
        }
        return errors.Errors;
    }
}
