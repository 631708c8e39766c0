using Azure.Data.Tables;
using CostOps.Application.Nightly.FanOut;
using CostOps.Application.Ports;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>The <c>NightShards</c> table: PartitionKey = the night's run id, RowKey = shard id; each report replaces its row.</summary>
public sealed class TableShardLedger(TableClient table) : IShardLedger
{
    // A Table string holds 32K UTF-16 characters; keep the error list well inside it.
    private const int MaxErrorText = 16_000;

    public async Task OpenAsync(string nightRunId, IReadOnlyList<NightlyShard> shards, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nightRunId);
        ArgumentNullException.ThrowIfNull(shards);
        // One partition: batches of at most 100 entities are one request each and land whole.
        foreach (var chunk in shards.Chunk(100))
        {
            var actions = chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(nightRunId, ShardState.Pending(s, at))));
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async Task RecordAsync(string nightRunId, ShardState state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nightRunId);
        ArgumentNullException.ThrowIfNull(state);
        await table.UpsertEntityAsync(ToEntity(nightRunId, state), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ShardState>> ListAsync(string nightRunId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nightRunId);
        var states = new List<ShardState>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {nightRunId}"), cancellationToken: cancellationToken))
        {
            states.Add(FromEntity(entity));
        }
        return [.. states.OrderBy(s => s.ShardId, StringComparer.Ordinal)];
    }

    private static TableEntity ToEntity(string nightRunId, ShardState state)
    {
        var errors = string.Join('\n', state.Errors);
        var entity = new TableEntity(nightRunId, state.ShardId)
        {
            ["Scope"] = state.Scope,
            ["WorkloadIds"] = string.Join('\n', state.WorkloadIds),
            ["Status"] = state.Status.ToString(),
            ["Deliveries"] = state.Deliveries,
            ["WorkloadsOk"] = state.WorkloadsOk,
            ["WorkloadsFailed"] = state.WorkloadsFailed,
            ["RowsWritten"] = state.RowsWritten,
            ["UpstreamCalls"] = state.UpstreamCalls,
            ["Errors"] = errors.Length > MaxErrorText ? errors[..MaxErrorText] + "\n(truncated)" : errors,
            ["UpdatedAt"] = state.UpdatedAt,
        };
        TableEntityValidator.ValidateForWrite(entity);
        return entity;
    }

    private static ShardState FromEntity(TableEntity entity)
    {
        var workloads = entity.GetString("WorkloadIds");
        var errors = entity.GetString("Errors");
        return new ShardState(
            entity.RowKey,
            entity.GetString("Scope") ?? "",
            string.IsNullOrEmpty(workloads) ? [] : workloads.Split('\n'),
            Enum.TryParse<ShardStatus>(entity.GetString("Status"), out var status)
                ? status
                : throw new InvalidDataException($"NightShards row (PartitionKey '{entity.PartitionKey}', RowKey '{entity.RowKey}'): Status '{entity.GetString("Status")}' is not a shard status."),
            entity.ReadInt64("Deliveries") ?? 0,
            entity.GetInt32("WorkloadsOk") ?? 0,
            entity.GetInt32("WorkloadsFailed") ?? 0,
            entity.GetInt32("RowsWritten") ?? 0,
            entity.ReadInt64("UpstreamCalls") ?? 0,
            string.IsNullOrEmpty(errors) ? [] : errors.Split('\n'),
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
    }
}
