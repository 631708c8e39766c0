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

    /// <summary>The run has started and not finished yet.</summary>
    Running,

    /// <summary>The run never finished: it was still Running after the function timeout (it died or was stopped).</summary>
    Abandoned,
}
