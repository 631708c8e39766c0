using CostOps.Application.Nightly.FanOut;

namespace CostOps.Application.Ports;

/// <summary>The Storage queue a fanned-out night's shards travel on (<c>CostOps:Nightly:ShardQueue</c>).</summary>
public interface IShardQueue
{
    /// <summary>Enqueues one message per shard; the queue-triggered <c>NightlyTcoShard</c> function takes them.</summary>
    Task EnqueueAsync(IReadOnlyList<ShardMessage> messages, CancellationToken cancellationToken = default);
}
