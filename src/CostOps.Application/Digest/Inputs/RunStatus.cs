namespace CostOps.Application.Digest.Inputs;

/// <summary>How a scheduled job run ended.</summary>
public enum RunStatus
{
    /// <summary>Every workload was processed.</summary>
    Succeeded,

    /// <summary>Some workloads failed; the rest were processed.</summary>
    Partial,

    /// <summary>The run failed as a whole.</summary>
    Failed,
}
