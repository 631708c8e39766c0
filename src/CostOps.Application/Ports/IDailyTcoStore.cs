using CostOps.Application.Results;
using CostOps.Domain.Time;

namespace CostOps.Application.Ports;

/// <summary>The <c>DailyTco</c> table: one row per workload and UTC day, replaced (never doubled) on re-runs.</summary>
public interface IDailyTcoStore
{
    /// <summary>Inserts or replaces the rows (idempotent); batched per workload.</summary>
    Task UpsertAsync(IReadOnlyList<DailyTcoRecord> rows, CancellationToken cancellationToken = default);

    /// <summary>The stored rows of <paramref name="workloadId"/> inside <paramref name="days"/>, oldest first.</summary>
    Task<IReadOnlyList<DailyTcoRecord>> GetRangeAsync(string workloadId, DayRange days, CancellationToken cancellationToken = default);
}
