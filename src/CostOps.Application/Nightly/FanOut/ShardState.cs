namespace CostOps.Application.Nightly.FanOut;

/// <summary>Where a shard of a fanned-out night stands.</summary>
public enum ShardStatus
{
    /// <summary>Enqueued; no delivery has reported yet.</summary>
    Pending,

    /// <summary>A delivery failed; the queue will deliver it again.</summary>
    Retrying,

    /// <summary>Every workload of the shard was computed and stored.</summary>
    Succeeded,

    /// <summary>The last delivery the queue allows failed: the message is in the poison queue.</summary>
    Failed,
}

/// <summary>One shard's latest report (a <c>NightShards</c> row).</summary>
/// <param name="Deliveries">The queue's dequeue count of the delivery that reported (0 while pending).</param>
/// <param name="Errors">What failed in the last delivery, one line per workload or cause; empty when it succeeded.</param>
public sealed record ShardState(
    string ShardId,
    string Scope,
    IReadOnlyList<string> WorkloadIds,
    ShardStatus Status,
    long Deliveries,
    int WorkloadsOk,
    int WorkloadsFailed,
    int RowsWritten,
    long UpstreamCalls,
    IReadOnlyList<string> Errors,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the shard has its final answer (succeeded, or failed for good).</summary>
    public bool IsSettled => Status is ShardStatus.Succeeded or ShardStatus.Failed;

    /// <summary>A shard just enqueued.</summary>
    public static ShardState Pending(NightlyShard shard, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new(shard.ShardId, shard.Scope, shard.WorkloadIds, ShardStatus.Pending, 0, 0, 0, 0, 0, [], at);
    }
}
