using CostOps.Application.Results;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Jobs;

/// <summary>
/// Tells a Running row that is still going from one that died: a row that says Running for longer than
/// <see cref="RunsOptions.AbandonedAfter"/> is reported as <see cref="JobStatus.Abandoned"/> by everything that reads
/// runs (health, the runs API, the digest).
/// </summary>
public sealed class RunLiveness(TimeProvider time, IOptions<RunsOptions> options)
{
    /// <summary>How long a run may say Running before it counts as abandoned.</summary>
    public TimeSpan AbandonedAfter => options.Value.AbandonedAfter;

    /// <summary>Whether <paramref name="run"/> is a Running row with no sign of life for longer than the function timeout.</summary>
    public bool IsAbandoned(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // A fanned-out night lives as long as its shards keep reporting; any other run lives one invocation.
        return run.Status == JobStatus.Running && time.GetUtcNow() - (run.HeartbeatAt ?? run.StartedAt) > AbandonedAfter;
    }

    /// <summary>The run as it stands now: Abandoned when it can no longer finish, else unchanged.</summary>
    public RunRecord Seen(RunRecord run) => IsAbandoned(run) ? run with { Status = JobStatus.Abandoned } : run;
}
