using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.ResourceGraph;

/// <summary>Checks <c>CostOps:Autopilot:ResourceGraph</c> at start-up; every message names its key.</summary>
public sealed class ResourceGraphOptionsValidator : IValidateOptions<ResourceGraphOptions>
{
    public ValidateOptionsResult Validate(string? name, ResourceGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Subscriptions
            .Select((subscription, index) => (subscription, index))
            .Where(s => !Guid.TryParseExact(s.subscription, "D", out _))
            .Select(s => $"{ResourceGraphOptions.SectionName}:Subscriptions:{s.index} must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000; was '{s.subscription}')")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
