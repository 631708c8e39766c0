namespace CostOps.Application.Digest.Inputs;

/// <summary>What an autopilot decision chose to do with a workload's GPUs.</summary>
public enum DecisionAction
{
    /// <summary>Deallocate the VMs / scale the scale set to zero.</summary>
    Pause,

    /// <summary>Start the VMs / scale back to the needed count.</summary>
    Resume,

    /// <summary>Add instances.</summary>
    ScaleUp,

    /// <summary>Remove instances.</summary>
    ScaleDown,

    /// <summary>Leave everything as it is.</summary>
    Hold,
}
