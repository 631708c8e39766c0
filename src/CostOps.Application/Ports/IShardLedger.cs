using CostOps.Application.Nightly.FanOut;

namespace CostOps.Application.Ports;

/// <summary>
/// Where a fanned-out night keeps each shard's latest state (table <c>NightShards</c>: PartitionKey = the night's run
/// id, RowKey = shard id). One row per shard, replaced on every report, so a re-delivered shard never counts twice.
/// </summary>
public interface IShardLedger
{
    /// <summary>Writes every shard as Pending, before any message is enqueued.</summary>
    Task OpenAsync(string nightRunId, IReadOnlyList<NightlyShard> shards, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Replaces the shard's row with <paramref name="state"/>.</summary>
    Task RecordAsync(string nightRunId, ShardState state, CancellationToken cancellationToken = default);

    /// <summary>Every shard of the night, by shard id.</summary>
    Task<IReadOnlyList<ShardState>> ListAsync(string nightRunId, CancellationToken cancellationToken = default);
}
