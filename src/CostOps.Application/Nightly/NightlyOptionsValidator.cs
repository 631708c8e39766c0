using Microsoft.Extensions.Options;

namespace CostOps.Application.Nightly;

/// <summary>Checks <c>CostOps:Nightly</c> at start-up; every message names its configuration key.</summary>
public sealed class NightlyOptionsValidator : IValidateOptions<NightlyOptions>
{
    public ValidateOptionsResult Validate(string? name, NightlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.Equals(options.Mode, NightlyOptions.SingleInstance, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.Mode, NightlyOptions.FanOut, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{NightlyOptions.Section}:Mode must be {NightlyOptions.SingleInstance} or {NightlyOptions.FanOut} (was '{options.Mode}')");
        }
        Positive(options.MaxParallelism, "MaxParallelism", 64, errors);
        Positive(options.TrailingDays, "TrailingDays", 90, errors);
        Positive(options.MaxCatchUpDays, "MaxCatchUpDays", 31, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(int value, string key, int max, List<string> errors)
    {
        if (value < 1 || value > max)
        {
            errors.Add($"{NightlyOptions.Section}:{key} must be from 1 to {max} (was {value})");
        }
    }
}
