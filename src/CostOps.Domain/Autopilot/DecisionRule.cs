namespace CostOps.Domain.Autopilot;

/// <summary>The decision rule that fired (docs/economics.md, "Autopilot rules").</summary>
public enum DecisionRule
{
    /// <summary>No rule fired: demand is inside the band, or a signal has not held long enough.</summary>
    None = 0,

    /// <summary>Demand below 1 - band (or never breaking even) on each of the last consecutiveDays nights.</summary>
    PauseBelowBreakEven = 1,

    /// <summary>Self-hosting never broke even on each of the last consecutiveDays nights.</summary>
    PauseNeverBreaksEven = 2,

    /// <summary>Part of the fleet is paused and demand was above 1 + band on each of the last consecutiveDays nights.</summary>
    ResumeAboveBreakEven = 3,

    /// <summary>The latest night's projected peak demand needs more instances than a running scale set has.</summary>
    ScaleUpToDemand = 4,

    /// <summary>Every one of the last consecutiveDays nights needed fewer instances than a running scale set has.</summary>
    ScaleDownToDemand = 5,
}

/// <summary>Maps a rule to the action it proposes.</summary>
public static class DecisionRuleExtensions
{
    public static DecisionAction ProposedAction(this DecisionRule rule) => rule switch
    {
        DecisionRule.PauseBelowBreakEven or DecisionRule.PauseNeverBreaksEven => DecisionAction.Pause,
        DecisionRule.ResumeAboveBreakEven => DecisionAction.Resume,
        DecisionRule.ScaleUpToDemand => DecisionAction.ScaleUp,
        DecisionRule.ScaleDownToDemand => DecisionAction.ScaleDown,
        _ => DecisionAction.Hold,
    };
}
