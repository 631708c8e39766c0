using CostOps.Application.Catalog;
using CostOps.Application.Results;

namespace CostOps.Application.Digest;

/// <summary>What a digest summarizes: the catalog's workloads and the stored rows of a range of days, as stored.</summary>
/// <param name="Workloads">Every catalog workload: each appears in the digest, with or without rows.</param>
/// <param name="Days">DailyTco rows of the catalog workloads whose day is in the range.</param>
/// <param name="Decisions">Decisions whose evaluated night is in the range.</param>
/// <param name="Runs">Job runs started in the range (UTC).</param>
public sealed record DigestRows(
    IReadOnlyList<WorkloadDefinition> Workloads,
    IReadOnlyList<DailyTcoRecord> Days,
    IReadOnlyList<StoredDecision> Decisions,
    IReadOnlyList<RunRecord> Runs);
