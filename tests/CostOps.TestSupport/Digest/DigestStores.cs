using CostOps.Application.Catalog;
using CostOps.Application.Digest;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Time;

namespace CostOps.TestSupport.Digest;

/// <summary>
/// The stores a <see cref="DigestReader"/> reads, in memory, holding a sample's rows; it records each range read and
/// can fail every read (a storage outage). <see cref="Empty"/> holds no row: the digest of an empty catalog.
/// </summary>
public sealed class DigestStores(DigestRows rows, Exception? failure = null) : IDailyTcoStore, IDecisionStore, IRunStore
{
    public List<DayRange> Reads { get; } = [];

    /// <summary>No workload, no row.</summary>
    public static DigestStores Empty() => new(new DigestRows([], [], [], []));

    public DigestReader Reader() => new(new WorkloadCatalog(rows.Workloads, "catalog.json"), this, this, this);

    public Task<IReadOnlyList<DailyTcoRecord>> GetRangeAsync(string workloadId, DayRange days, CancellationToken cancellationToken = default)
    {
        lock (Reads)
        {
            Reads.Add(days);
        }
        return failure is not null
            ? Task.FromException<IReadOnlyList<DailyTcoRecord>>(failure)
            : Task.FromResult<IReadOnlyList<DailyTcoRecord>>([.. rows.Days.Where(d => d.WorkloadId == workloadId && days.Contains(d.Tco.Day)).OrderBy(d => d.Tco.Day)]);
    }

    public Task<IReadOnlyList<StoredDecision>> ListAsync(string? workloadId, DateTimeOffset? since, int top, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredDecision>>([.. rows.Decisions
            .Where(d => (workloadId is null || d.WorkloadId == workloadId) && (since is null || d.Decision.EvaluatedAt >= since))
            .OrderByDescending(d => d.Decision.EvaluatedAt).Take(top)]);

    public Task<IReadOnlyList<RunRecord>> ListStartedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RunRecord>>([.. rows.Runs.Where(r => r.StartedAt >= from && r.StartedAt < to).OrderBy(r => r.StartedAt)]);

    public Task UpsertAsync(IReadOnlyList<DailyTcoRecord> rows, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RecordAsync(IReadOnlyList<StoredDecision> decisions, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryClaimAsync(StoredDecision decision, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RecordOutcomeAsync(StoredDecision decision, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DecisionClaim?> FindClaimAsync(string workloadId, string decisionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DecisionClaim>> ListClaimsAsync(string workloadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task WriteAsync(RunRecord run, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<RunRecord>> ListAsync(string? job, int top, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
