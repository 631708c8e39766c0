using CostOps.Application.Jobs;
using CostOps.Application.Results;

namespace CostOps.Application.Nightly.FanOut;

/// <summary>The Runs row of a fanned-out night, derived from its shards' latest states (never counted up, so never doubled).</summary>
public static class NightTally
{
    /// <summary>
    /// Running while a shard has not settled; then Succeeded when every shard succeeded, Failed when none did, else
    /// Partial, each failed shard named in the errors.
    /// </summary>
    public static RunRecord Of(ShardMessage night, IReadOnlyList<ShardState> shards, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(night);
        ArgumentNullException.ThrowIfNull(shards);
        var succeeded = shards.Count(s => s.Status == ShardStatus.Succeeded);
        var failed = shards.Where(s => s.Status == ShardStatus.Failed).OrderBy(s => s.ShardId, StringComparer.Ordinal).ToList();
        var settled = succeeded + failed.Count >= night.ShardCount;
        var status = !settled ? JobStatus.Running
            : failed.Count == 0 ? JobStatus.Succeeded
            : succeeded == 0 ? JobStatus.Failed
            : JobStatus.Partial;
        var errors = failed
            .Select(s => $"shard {s.ShardId} ({s.Scope}; workloads {string.Join(", ", s.WorkloadIds)}) failed after {s.Deliveries} deliveries and is in the poison queue: {string.Join(" | ", s.Errors)}")
            .ToList();
        var finishedAt = settled ? shards.Max(s => s.UpdatedAt) : night.NightStartedAt;
        return new RunRecord(
            NightlyTcoJob.Name, night.NightRunId, night.Trigger, night.NightStartedAt, settled ? Later(finishedAt, night.NightStartedAt) : night.NightStartedAt,
            status,
            shards.Where(s => s.IsSettled).Sum(s => s.WorkloadsOk),
            shards.Where(s => s.IsSettled).Sum(s => s.WorkloadsFailed),
            shards.Sum(s => s.RowsWritten),
            shards.Sum(s => s.UpstreamCalls),
            night.From, night.To, errors)
        {
            Shards = new ShardCounts(night.ShardCount, succeeded, failed.Count),
            HeartbeatAt = settled ? null : now,
        };
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
