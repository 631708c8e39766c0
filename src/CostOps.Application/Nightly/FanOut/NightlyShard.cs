namespace CostOps.Application.Nightly.FanOut;

/// <summary>One shard of a fanned-out night: the workloads that share a source scope, so their upstream calls stay batched.</summary>
/// <param name="ShardId">Stable within the night (<c>s01</c>, <c>s02</c>, ... in scope order); a Table key and a message field.</param>
/// <param name="Scope">What the shard's workloads share: subscription, region and telemetry sources.</param>
/// <param name="WorkloadIds">The workloads it computes, in catalog order.</param>
public sealed record NightlyShard(string ShardId, string Scope, IReadOnlyList<string> WorkloadIds);
