using CostOps.Application.Autopilot;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Compute;

/// <summary>
/// Checks that the <c>autopilot</c> lease outlasts one decision's writes: the run renews it before
/// each decision, and a decision may send up to <c>MaxActionsPerRun</c> writes of up to
/// <c>Arm:OperationTimeout</c> each. A shorter lease could expire mid-decision and let a second run in.
/// </summary>
public sealed class AutopilotLeaseValidator(IOptions<ArmFleetControllerOptions> arm) : IValidateOptions<AutopilotOptions>
{
    public ValidateOptionsResult Validate(string? name, AutopilotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = arm.Value.OperationTimeout;
        var longest = timeout * Math.Max(1, options.MaxActionsPerRun);
        return options.LeaseDuration > longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{AutopilotOptions.Section}:LeaseDuration ({options.LeaseDuration}) must be longer than {ArmFleetControllerOptions.SectionName}:OperationTimeout ({timeout}) "
                + $"x {AutopilotOptions.Section}:MaxActionsPerRun ({options.MaxActionsPerRun}) = {longest}: the lease is renewed between decisions, not during one");
    }
}
