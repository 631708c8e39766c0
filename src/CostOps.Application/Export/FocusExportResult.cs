namespace CostOps.Application.Export;

/// <summary>What one export wrote.</summary>
/// <param name="Rows">FOCUS rows written (one per workload-day with a known self-hosted cost).</param>
/// <param name="Workloads">Workloads exported.</param>
/// <param name="StoredDays">Stored workload-days read.</param>
/// <param name="UnknownCostDays">Stored workload-days left out because their self-hosted cost is unknown.</param>
public sealed record FocusExportResult(int Rows, int Workloads, int StoredDays, int UnknownCostDays);
