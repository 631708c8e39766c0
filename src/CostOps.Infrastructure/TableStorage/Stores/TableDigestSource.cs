using System.Collections.Concurrent;
using Azure.Data.Tables;
using CostOps.Application.Catalog;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Inputs;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Domain.Time;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// The digest's rows from the CostOps tables: the <c>DailyTco</c> rows of every catalog workload (one partition query
/// each, a few at a time), its <c>Decisions</c> through <see cref="IDigestDecisionReader"/>, and every job's
/// <c>Runs</c> started in the range (one RowKey-range query across the job partitions). Lives with the table adapters
/// rather than with the Teams transports because it is a reader of our tables and knows nothing of Teams.
/// </summary>
public sealed class TableDigestSource(
    WorkloadCatalog catalog,
    IDailyTcoStore dailyTco,
    IDigestDecisionReader decisions,
    TableClient runs,
    int maxParallelism = 4,
    RunLiveness? liveness = null) : IDigestSource
{
    /// <inheritdoc />
    public async Task<DigestRows> ReadAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        if (lastDay < firstDay)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, $"The last day comes before the first ({firstDay:yyyy-MM-dd}).");
        }
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var days = new ConcurrentBag<DigestDailyRow>();
        var decided = new ConcurrentBag<DigestDecisionRow>();
        await Parallel.ForEachAsync(
            catalog.Workloads,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism), CancellationToken = cancellationToken },
            async (workload, token) =>
            {
                foreach (var record in await dailyTco.GetRangeAsync(workload.Id, new DayRange(firstDay, lastDay), token))
                {
                    days.Add(DigestRowMapping.ToDailyRow(record));
                }
                foreach (var decision in await decisions.ReadAsync(workload.Id, from, to, token))
                {
                    decided.Add(decision);
                }
            });
        var runRows = await ReadRunsAsync(from, to, cancellationToken);
        return new DigestRows(
            [.. days.OrderBy(d => d.WorkloadId, StringComparer.Ordinal).ThenBy(d => d.Day)],
            [.. decided.OrderBy(d => d.DecidedAt).ThenBy(d => d.WorkloadId, StringComparer.Ordinal)],
            runRows);
    }

    private async Task<IReadOnlyList<DigestRunRow>> ReadRunsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Runs is keyed by job, then newest first: one RowKey range covers every job's runs of the period.
        var (first, last) = InvertedTicksRange.Of(from, to);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {first} and RowKey lt {last}");
        var rows = new List<DigestRunRow>();
        await foreach (var entity in runs.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var run = TableRunStore.FromEntity(entity);
            if (run.StartedAt >= from && run.StartedAt < to)
            {
                // A Running row past the function timeout never finished: the digest reports it as abandoned.
                rows.Add(DigestRowMapping.ToRunRow(liveness?.Seen(run) ?? run));
            }
        }
        return [.. rows.OrderBy(r => r.StartedAt)];
    }
}
