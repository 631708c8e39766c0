using System.Collections.Concurrent;
using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Time;

namespace CostOps.Application.Digest;

/// <summary>
/// Reads what a digest summarizes through the stores every other surface uses: each catalog workload's
/// <c>DailyTco</c> rows (<see cref="IDailyTcoStore"/>) and autopilot decisions (<see cref="IDecisionStore"/>, the
/// rows the autopilot run records), and the runs started in the range (<see cref="IRunStore"/>).
/// </summary>
/// <param name="liveness">Tells a Running row that died (reported as abandoned) from one still going; null reads rows as stored.</param>
public sealed class DigestReader(WorkloadCatalog catalog, IDailyTcoStore dailyTco, IDecisionStore decisions, IRunStore runs, RunLiveness? liveness = null)
{
    // A few workloads at a time: hundreds of workloads are two small partition queries each.
    private const int MaxParallelReads = 4;

    /// <summary>
    /// Decisions read per workload: newest first from the range's start, so more than this many decisions after the
    /// range (years of nightly runs) would hide the range's own.
    /// </summary>
    public const int MaxDecisionsPerWorkload = 1000;

    /// <summary>The rows of <paramref name="days"/>: DailyTco by day, decisions by evaluated night, runs by start time.</summary>
    public async Task<DigestRows> ReadAsync(DayRange days, CancellationToken cancellationToken = default)
    {
        var daily = new ConcurrentBag<DailyTcoRecord>();
        var decided = new ConcurrentBag<StoredDecision>();
        await Parallel.ForEachAsync(
            catalog.Workloads,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken },
            async (workload, token) =>
            {
                foreach (var record in await dailyTco.GetRangeAsync(workload.Id, days, token))
                {
                    daily.Add(record);
                }
                // A night is decided after it ends, so every decision about the range was evaluated after its start.
                foreach (var decision in await decisions.ListAsync(workload.Id, days.Start, MaxDecisionsPerWorkload, token))
                {
                    if (days.Contains(decision.Night))
                    {
                        decided.Add(decision);
                    }
                }
            });
        var started = await runs.ListStartedAsync(days.Start, days.End, cancellationToken);
        return new DigestRows(
            catalog.Workloads,
            [.. daily.OrderBy(d => d.WorkloadId, StringComparer.Ordinal).ThenBy(d => d.Tco.Day)],
            [.. decided.OrderBy(d => d.Decision.EvaluatedAt).ThenBy(d => d.WorkloadId, StringComparer.Ordinal)],
            [.. started.Select(r => liveness?.Seen(r) ?? r).OrderBy(r => r.StartedAt)]);
    }
}
