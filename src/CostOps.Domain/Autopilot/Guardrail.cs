namespace CostOps.Domain.Autopilot;

/// <summary>A safety check that blocked (part of) an action. Every one that applied is recorded.</summary>
public enum Guardrail
{
    /// <summary>The resource lacks the opt-in tag <c>costops-autopilot=enabled</c>.</summary>
    OptInMissing = 1,

    /// <summary>The resource carries the exclusion tag <c>costops-exclude</c>.</summary>
    Excluded = 2,

    /// <summary>The autopilot acted on the resource less than the cooldown ago.</summary>
    Cooldown = 3,

    /// <summary>A night in the window is missing or below the completeness threshold.</summary>
    IncompleteData = 4,

    /// <summary>The prices behind break-even are older than the limit, or their age is unknown.</summary>
    StalePrices = 5,

    /// <summary>The run's budget of resource writes was used up.</summary>
    MaxActionsPerRun = 6,

    /// <summary>The action would release a scarce GPU size and the policy does not allow it.</summary>
    ScarceSku = 7,

    /// <summary>The resource's state is unknown or in transition (starting, stopping, deallocating).</summary>
    StateUnsettled = 8,

    /// <summary>The effective mode is Off.</summary>
    ModeOff = 9,
}
