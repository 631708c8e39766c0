namespace CostOps.Domain.Autopilot;

/// <summary>What a decision does to a workload's fleet.</summary>
public enum DecisionAction
{
    /// <summary>Nothing changes: no rule fired, every guardrail-free target is already in place, or guardrails blocked the rest.</summary>
    Hold = 0,

    /// <summary>Deallocate the VMs / scale the scale sets to 0; traffic falls back to the API.</summary>
    Pause = 1,

    /// <summary>Start the paused VMs / scale the paused scale sets back to the needed count.</summary>
    Resume = 2,

    /// <summary>Raise a running scale set's capacity to the projected peak demand.</summary>
    ScaleUp = 3,

    /// <summary>Lower a running scale set's capacity after the demand stayed lower for the required nights.</summary>
    ScaleDown = 4,
}
