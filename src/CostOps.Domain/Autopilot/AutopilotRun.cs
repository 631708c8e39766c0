using CostOps.Domain.Validation;

namespace CostOps.Domain.Autopilot;

/// <summary>What one autopilot run shares across its workloads.</summary>
/// <param name="Day">The UTC day evaluated (normally yesterday): the last night of every window.</param>
/// <param name="Now">The run's clock reading, for cooldowns and price age. Passed in, never read.</param>
/// <param name="GlobalMode">The deployment-wide mode; each workload gets the stricter of this and its own.</param>
/// <param name="MaxActionsPerRun">Most resource writes (deallocate, start, set capacity) planned in one run, across workloads.</param>
/// <param name="ActionsAlreadyTaken">Writes an earlier, interrupted run for the same <paramref name="Day"/> already made;
/// they count against the budget so a re-run never exceeds it.</param>
public sealed record AutopilotRun(
    DateOnly Day,
    DateTimeOffset Now,
    AutopilotMode GlobalMode = AutopilotMode.DryRun,
    int MaxActionsPerRun = AutopilotRun.DefaultMaxActionsPerRun,
    int ActionsAlreadyTaken = 0)
{
    public const int DefaultMaxActionsPerRun = 3;

    public IReadOnlyList<FieldError> Validate(string path = "run")
    {
        var errors = new FieldErrors();
        if (!Enum.IsDefined(GlobalMode))
        {
            errors.Add($"{path}.globalMode", $"must be off, dry-run or enforce (was {GlobalMode})");
        }
        errors.NonNegative(MaxActionsPerRun, $"{path}.maxActionsPerRun");
        errors.NonNegative(ActionsAlreadyTaken, $"{path}.actionsAlreadyTaken");
        return errors.Errors;
    }
}
