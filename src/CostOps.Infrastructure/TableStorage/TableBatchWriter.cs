using System.Text;
using Azure.Data.Tables;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Writes any number of entities as insert-or-replace transactions (<see cref="TableClient.SubmitTransactionAsync"/>):
/// grouped by partition, at most 100 operations and 4 MiB per transaction, partitions written in parallel up to a
/// bound. Every entity is validated before the first request, so a bad entity writes nothing.
/// </summary>
/// <remarks>
/// Each transaction is atomic, the whole call is not: if one fails, transactions already sent stay
/// written. Re-running is safe because every write is an idempotent upsert. An entity repeated
/// (same PartitionKey and RowKey) is written once, the last occurrence winning, since a
/// transaction may not touch an entity twice.
/// </remarks>
public sealed class TableBatchWriter
{
    // Room for a part's boundary, headers and request line beyond its JSON body and URL.
    private const int PartOverheadBytes = 400;
    private const int FramingBytes = 1024;

    private readonly TableClient _table;
    private readonly int _maxParallelism;

    /// <summary>Creates a writer for <paramref name="table"/>.</summary>
    /// <param name="table">The table to write to (it must exist).</param>
    /// <param name="maxParallelism">How many transactions may be in flight at once.</param>
    public TableBatchWriter(TableClient table, int maxParallelism = 4)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        _table = table;
        _maxParallelism = maxParallelism;
    }

    /// <summary>Upserts (replace) every entity; returns counts, including the transactions sent.</summary>
    /// <exception cref="ArgumentException">An entity breaks a Table storage rule (nothing was sent).</exception>
    public async Task<TableBatchWriteResult> UpsertAsync(IEnumerable<TableEntity> entities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var partitions = new Dictionary<string, Dictionary<string, TableEntity>>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            TableEntityValidator.ValidateForWrite(entity);
            if (!partitions.TryGetValue(entity.PartitionKey, out var rows))
            {
                rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                partitions.Add(entity.PartitionKey, rows);
            }
            rows[entity.RowKey] = entity;
        }

        var urlBytes = Encoding.UTF8.GetByteCount(_table.Uri.AbsoluteUri);
        var transactions = partitions.Values.SelectMany(rows => Chunk(rows.Values, urlBytes)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(transactions, options, async (actions, ct) =>
            await _table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false)).ConfigureAwait(false);

        return new TableBatchWriteResult(partitions.Values.Sum(rows => rows.Count), partitions.Count, transactions.Count);
    }

    private static IEnumerable<List<TableTransactionAction>> Chunk(IEnumerable<TableEntity> rows, int urlBytes)
    {
        var chunk = new List<TableTransactionAction>(TableConstants.MaxBatchOperations);
        long chunkBytes = FramingBytes;
        foreach (var entity in rows)
        {
            var bytes = EstimatedPartBytes(entity, urlBytes);
            if (chunk.Count == TableConstants.MaxBatchOperations || (chunk.Count > 0 && chunkBytes + bytes > TableConstants.MaxBatchBytes))
            {
                yield return chunk;
                chunk = new List<TableTransactionAction>(TableConstants.MaxBatchOperations);
                chunkBytes = FramingBytes;
            }
            chunk.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            chunkBytes += bytes;
        }
        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    // Escaped keys can triple in length in the URL; the table URI bounds the rest of it.
    private static long EstimatedPartBytes(TableEntity entity, int urlBytes) =>
        PartOverheadBytes
        + urlBytes
        + (3L * Encoding.UTF8.GetByteCount(entity.PartitionKey + entity.RowKey))
        + TableEntitySize.OnTheWire(entity);
}
