using CostOps.Application.Results;

namespace CostOps.Application.Nightly;

/// <summary>What a TCO run did: its Runs row, the rows it wrote, and each workload's outcome.</summary>
public sealed record TcoRunReport(RunRecord Run, IReadOnlyList<DailyTcoRecord> Rows, IReadOnlyList<WorkloadOutcome> Workloads);
