using CostOps.Application.Jobs;

namespace CostOps.Application.Results;

/// <summary>One row of the <c>Runs</c> table: a run of a job, how it went and what it cost upstream.</summary>
/// <param name="Job">The job name (the function name, e.g. <c>NightlyTco</c>).</param>
/// <param name="Trigger">timer, http or cli.</param>
/// <param name="FinishedAt">When the run ended; equal to <paramref name="StartedAt"/> while it is Running (or Abandoned).</param>
/// <param name="FirstDay">The first UTC day the run covered, for TCO runs.</param>
/// <param name="LastDay">The last UTC day the run covered, for TCO runs.</param>
/// <param name="UpstreamCalls">HTTP requests sent to Azure, OpenAI, Anthropic and Prometheus during the run.</param>
/// <param name="Errors">One line per failed unit of work (e.g. "support-triage: prometheus: 503"), never secrets.</param>
/// <param name="ActionsTaken">Autopilot runs: resource writes sent to Azure; null for jobs that do not act.</param>
public sealed record RunRecord(
    string Job,
    string RunId,
    string Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    JobStatus Status,
    int WorkloadsOk,
    int WorkloadsFailed,
    int RowsWritten,
    long UpstreamCalls,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    IReadOnlyList<string> Errors,
    int? ActionsTaken = null)
{
    /// <summary>One line per unit of work's outcome, for jobs that report them (e.g. "teams-webhook: posted"); else empty.</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    /// <summary>Fanned-out nights: how many shards were enqueued and how many have reported so far; null for other runs.</summary>
    public ShardCounts? Shards { get; init; }

    /// <summary>The last sign of life of a run that has not ended (a fanned-out night's latest shard report); null when none.</summary>
    public DateTimeOffset? HeartbeatAt { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>Whether the run has ended (Succeeded, Partial or Failed): a Running or Abandoned run has no end time.</summary>
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Partial or JobStatus.Failed;

    /// <summary>The row a run writes before any work: Running, nothing counted yet.</summary>
    public static RunRecord Started(string job, string runId, string trigger, DateTimeOffset startedAt, DateOnly? firstDay, DateOnly? lastDay) =>
        new(job, runId, trigger, startedAt, startedAt, JobStatus.Running, 0, 0, 0, 0, firstDay, lastDay, []);
}

/// <summary>The shards of a fanned-out night: expected (enqueued), and those that reported success or final failure.</summary>
public sealed record ShardCounts(int Expected, int Succeeded, int Failed)
{
    /// <summary>Shards not reported yet (queued, running or being retried).</summary>
    public int Pending => Expected - Succeeded - Failed;
}
