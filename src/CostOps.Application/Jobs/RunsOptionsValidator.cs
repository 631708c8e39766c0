using Microsoft.Extensions.Options;

namespace CostOps.Application.Jobs;

/// <summary>Checks <c>CostOps:Runs</c> at start-up, naming the key.</summary>
public sealed class RunsOptionsValidator : IValidateOptions<RunsOptions>
{
    public ValidateOptionsResult Validate(string? name, RunsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AbandonedAfter < TimeSpan.FromMinutes(1) || options.AbandonedAfter > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail($"{RunsOptions.Section}:AbandonedAfter must be from 00:01:00 to 1.00:00:00 (was {options.AbandonedAfter})")
            : ValidateOptionsResult.Success;
    }
}
