using Microsoft.Extensions.Options;

namespace CostOps.Application.Autopilot;

/// <summary>Checks <c>CostOps:Autopilot</c> at start-up; every message names its configuration key.</summary>
public sealed class AutopilotOptionsValidator : IValidateOptions<AutopilotOptions>
{
    public const int MaxActionsLimit = 100;

    public ValidateOptionsResult Validate(string? name, AutopilotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!AutopilotModes.TryParse(options.Mode, out _))
        {
            errors.Add($"{AutopilotOptions.Section}:Mode must be one of {string.Join(", ", AutopilotModes.All)} (was '{options.Mode}')");
        }
        if (options.MaxActionsPerRun is < 0 or > MaxActionsLimit)
        {
            errors.Add($"{AutopilotOptions.Section}:MaxActionsPerRun must be from 0 to {MaxActionsLimit} (was {options.MaxActionsPerRun})");
        }
        if (options.LeaseDuration < TimeSpan.FromMinutes(1) || options.LeaseDuration > TimeSpan.FromHours(24))
        {
            errors.Add($"{AutopilotOptions.Section}:LeaseDuration must be from 00:01:00 to 1.00:00:00 (was {options.LeaseDuration})");
        }
        if (options.MaxParallelism is < 1 or > 32)
        {
            errors.Add($"{AutopilotOptions.Section}:MaxParallelism must be from 1 to 32 (was {options.MaxParallelism})");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
