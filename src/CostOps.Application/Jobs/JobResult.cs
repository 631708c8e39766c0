namespace CostOps.Application.Jobs;

/// <summary>How a run ended.</summary>
public enum JobStatus
{
    Succeeded,

    /// <summary>Some units of work (e.g. workloads) failed; the others were done and stored.</summary>
    Partial,

    Failed,

    /// <summary>Started and not finished yet: written before any work, so a run that dies still leaves a trace.</summary>
    Running,

    /// <summary>
    /// A run that never finished: its row said Running for longer than the function timeout (the host had stopped it,
    /// or the process died). Set when the row is read (<see cref="RunLiveness"/>) or by the job's next run.
    /// </summary>
    Abandoned,
}

/// <summary>The outcome of a job run and the lines to show in the host's invocation log.</summary>
public sealed record JobResult(JobStatus Status, string RunId, IReadOnlyList<string> Logs, string? Error = null);
