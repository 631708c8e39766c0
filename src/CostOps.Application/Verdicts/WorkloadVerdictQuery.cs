using CostOps.Application.Catalog;
using CostOps.Application.Ports;
using CostOps.Domain.Time;

namespace CostOps.Application.Verdicts;

/// <summary>
/// "The latest verdict of each workload as of now": the stored rows of the <see cref="LookbackDays"/> nights ending
/// yesterday (UTC), read through <see cref="IDailyTcoStore"/>. Called by <c>GET /api/workloads</c> and the CLI.
/// </summary>
public sealed class WorkloadVerdictQuery(WorkloadCatalog catalog, IDailyTcoStore store, TimeProvider time)
{
    /// <summary>How far back a verdict is looked for: a month, like the digest's horizon.</summary>
    public const int LookbackDays = 31;

    // Hundreds of workloads are one small range query each; a few at a time keeps storage calm.
    private const int MaxParallelReads = 8;

    /// <summary>The nights looked at now: the <see cref="LookbackDays"/> ending yesterday (UTC).</summary>
    public DayRange Window() => Window(DayRange.Yesterday(time));

    /// <summary>The <see cref="LookbackDays"/> nights ending <paramref name="lastNight"/>.</summary>
    public static DayRange Window(DateOnly lastNight) => DayRange.Trailing(lastNight, LookbackDays);

    /// <summary>Every catalog workload's latest verdict, in catalog order.</summary>
    public async Task<IReadOnlyList<WorkloadVerdict>> AllAsync(CancellationToken cancellationToken = default)
    {
        var window = Window();
        var workloads = catalog.Workloads;
        var verdicts = new WorkloadVerdict[workloads.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, workloads.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var id = workloads[index].Id;
                verdicts[index] = WorkloadVerdict.Of(id, await store.GetRangeAsync(id, window, token), window);
            });
        return verdicts;
    }

    /// <summary>One workload's latest verdict.</summary>
    public async Task<WorkloadVerdict> ForAsync(string workloadId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workloadId);
        var window = Window();
        return WorkloadVerdict.Of(workloadId, await store.GetRangeAsync(workloadId, window, cancellationToken), window);
    }
}
