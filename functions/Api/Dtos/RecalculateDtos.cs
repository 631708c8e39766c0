namespace CostOps.Functions.Api.Dtos;

/// <summary>What a recalculation did: its run (also in <c>GET /api/runs</c>) and the rows it stored.</summary>
/// <param name="Status"><c>succeeded</c> or <c>partial</c> (some workloads failed; their earlier rows were kept). A run where every workload failed answers 502.</param>
/// <param name="UpstreamCalls">HTTP requests the run sent to telemetry sources.</param>
/// <param name="Workloads">Each workload's outcome, by id.</param>
/// <param name="Rows">The rows written, by workload then day.</param>
public sealed record RecalculateResponse(
    string RunId,
    string Status,
    DateOnly From,
    DateOnly To,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int WorkloadsOk,
    int WorkloadsFailed,
    int RowsWritten,
    long UpstreamCalls,
    IReadOnlyList<WorkloadRunOutcome> Workloads,
    IReadOnlyList<DailyTcoRow> Rows);

/// <summary>How one workload fared in a run.</summary>
/// <param name="Problems">Why it failed, or what its sources could not say; never secrets.</param>
public sealed record WorkloadRunOutcome(string WorkloadId, bool Succeeded, int RowsWritten, IReadOnlyList<string> Problems);
