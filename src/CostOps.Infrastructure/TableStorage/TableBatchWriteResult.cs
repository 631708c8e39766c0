namespace CostOps.Infrastructure.TableStorage;

/// <summary>What <see cref="TableBatchWriter.UpsertAsync"/> did.</summary>
/// <param name="Entities">Entities written (after collapsing repeated keys).</param>
/// <param name="Partitions">Distinct partitions written.</param>
/// <param name="Requests">Transactions submitted, one HTTP request each (transport retries not counted).</param>
public sealed record TableBatchWriteResult(int Entities, int Partitions, int Requests);
