namespace CostOps.Application.Jobs;

/// <summary>How a run ended.</summary>
public enum JobStatus
{
    Succeeded,

    /// <summary>Some units of work (e.g. workloads) failed; the others were done and stored.</summary>
    Partial,

    Failed,
}

/// <summary>The outcome of a job run and the lines to show in the host's invocation log.</summary>
public sealed record JobResult(JobStatus Status, string RunId, IReadOnlyList<string> Logs, string? Error = null);
