namespace CostOps.Functions.Api.Dtos;

/// <summary>The answer of <c>GET /api/workloads</c>: the catalog, in catalog order, with each workload's latest status.</summary>
/// <param name="LookbackDays">How far back (UTC days ending today) the latest row is looked for.</param>
public sealed record WorkloadsResponse(int Count, int LookbackDays, IReadOnlyList<WorkloadStatus> Workloads);

/// <summary>A workload of the catalog and where it stands.</summary>
/// <param name="Verdict"><c>above-break-even</c>, <c>below-break-even</c>, <c>never-breaks-even</c> or <c>no-data</c> (no row, or the latest row has no demand ratio).</param>
/// <param name="Latest">The latest stored row within the lookback; null when there is none.</param>
public sealed record WorkloadStatus(
    string Id,
    string DisplayName,
    string? GpuSku,
    string? Region,
    int MinInstances,
    int MaxInstances,
    string AutopilotMode,
    string Verdict,
    WorkloadLatest? Latest);

/// <summary>The figures of a workload's latest stored row.</summary>
public sealed record WorkloadLatest(
    DateOnly Day,
    decimal? DemandRatio,
    decimal? BreakEvenRequestsPerMonth,
    bool NeverBreaksEven,
    decimal? SavingsUsd,
    decimal Completeness);
