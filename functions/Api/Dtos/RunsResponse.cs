namespace CostOps.Functions.Api.Dtos;

/// <summary>The answer of <c>GET /api/runs</c>: the newest runs first.</summary>
/// <param name="Job">The job asked for; null for every job.</param>
public sealed record RunsResponse(string? Job, int Top, IReadOnlyList<RunSummary> Runs);

/// <summary>One row of the <c>Runs</c> table.</summary>
/// <param name="Trigger"><c>timer</c>, <c>http</c> or <c>cli</c>.</param>
/// <param name="Status"><c>succeeded</c>, <c>partial</c>, <c>failed</c>, <c>running</c>, or <c>abandoned</c> (still running after the function timeout: it died).</param>
/// <param name="FinishedAt">Null while the run is running or when it was abandoned.</param>
/// <param name="DurationSeconds">Null while the run is running or when it was abandoned.</param>
/// <param name="UpstreamCalls">HTTP requests the run sent to telemetry sources.</param>
/// <param name="FirstDay">First UTC day the run covered (TCO runs).</param>
/// <param name="LastDay">Last UTC day the run covered (TCO runs).</param>
/// <param name="Errors">One line per failed unit of work.</param>
public sealed record RunSummary(
    string Job,
    string RunId,
    string Trigger,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    int WorkloadsOk,
    int WorkloadsFailed,
    int RowsWritten,
    long UpstreamCalls,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    IReadOnlyList<string> Errors)
{
    /// <summary>A fanned-out night's shards; null for other runs.</summary>
    public ShardCountsDto? Shards { get; init; }
}

/// <summary>A fanned-out night's shards: enqueued, and those that reported success or final failure.</summary>
public sealed record ShardCountsDto(int Expected, int Succeeded, int Failed);
