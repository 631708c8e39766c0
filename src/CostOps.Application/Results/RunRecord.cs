using CostOps.Application.Jobs;

namespace CostOps.Application.Results;

/// <summary>One row of the <c>Runs</c> table: a run of a job, how it went and what it cost upstream.</summary>
/// <param name="Job">The job name (the function name, e.g. <c>NightlyTco</c>).</param>
/// <param name="Trigger">timer, http or cli.</param>
/// <param name="FirstDay">The first UTC day the run covered, for TCO runs.</param>
/// <param name="LastDay">The last UTC day the run covered, for TCO runs.</param>
/// <param name="UpstreamCalls">HTTP requests sent to Azure, OpenAI, Anthropic and Prometheus during the run.</param>
/// <param name="Errors">One line per failed unit of work (e.g. "support-triage: prometheus: 503"), never secrets.</param>
/// <param name="ActionsTaken">Autopilot runs: resource writes sent to Azure; null for jobs that do not act.</param>
public sealed record RunRecord(
    string Job,
    string RunId,
    string Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    JobStatus Status,
    int WorkloadsOk,
    int WorkloadsFailed,
    int RowsWritten,
    long UpstreamCalls,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    IReadOnlyList<string> Errors,
    int? ActionsTaken = null)
{
    /// <summary>One line per unit of work's outcome, for jobs that report them (e.g. "teams-webhook: posted"); else empty.</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    public TimeSpan Duration => FinishedAt - StartedAt;
}
