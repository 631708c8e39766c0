namespace CostOps.Functions.Api.Dtos;

/// <summary>The answer of <c>GET /api/workloads</c>: the catalog, in catalog order, with each workload's latest status.</summary>
/// <param name="LookbackDays">How many nights (UTC, ending yesterday) a verdict is looked for in.</param>
public sealed record WorkloadsResponse(int Count, int LookbackDays, IReadOnlyList<WorkloadStatus> Workloads);

/// <summary>A workload of the catalog and where it stands.</summary>
/// <param name="Verdict"><c>above-break-even</c>, <c>below-break-even</c>, <c>never-breaks-even</c> or <c>no-data</c>: the latest night with data's (<paramref name="VerdictStatus"/> says which night).</param>
/// <param name="VerdictStatus">The verdict with its night, its age and the newer nights that lack data.</param>
/// <param name="Latest">The figures of the verdict's night; null when no night of the lookback has data.</param>
public sealed record WorkloadStatus(
    string Id,
    string DisplayName,
    string? GpuSku,
    string? Region,
    int MinInstances,
    int MaxInstances,
    string AutopilotMode,
    string Verdict,
    VerdictOutput VerdictStatus,
    WorkloadLatest? Latest);

/// <summary>The figures of the night a workload's verdict is from.</summary>
public sealed record WorkloadLatest(
    DateOnly Day,
    decimal? DemandRatio,
    decimal? BreakEvenRequestsPerMonth,
    bool NeverBreaksEven,
    decimal? SavingsUsd,
    decimal Completeness);
