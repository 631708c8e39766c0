namespace CostOps.Domain.Autopilot;

/// <summary>Where a resource stands in a decision.</summary>
public enum TargetStatus
{
    /// <summary>The rule does not concern this resource.</summary>
    NoChange = 0,

    /// <summary>The resource is already where the rule wants it: a recorded no-op.</summary>
    AlreadyInState = 1,

    /// <summary>The resource needs a change but at least one guardrail blocked it.</summary>
    Blocked = 2,

    /// <summary>The change is planned (sent to Azure in Enforce mode, only recorded in DryRun).</summary>
    Act = 3,
}
