using CostOps.Application.Requests;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;

namespace CostOps.Functions.Api;

/// <summary><c>GET /api/runs?job=&amp;top=</c> (Runs): recent job runs from the Runs table.</summary>
public sealed class RunsFunction(RunsQuery runs)
{
    [Function("Runs")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var outcome = await runs.ListAsync(new RunsRequest(request.Query["job"], request.Query["top"]), cancellationToken);
        if (outcome.Value is not { } page)
        {
            return ApiProblems.For(outcome);
        }
        // An unfinished run (running, or abandoned) has no end time.
        return TypedResults.Ok(new RunsResponse(page.Job, page.Top, page.Runs.Select(r => new RunSummary(
            r.Job, r.RunId, r.Trigger, TcoFunctions.StatusName(r.Status), r.StartedAt,
            r.IsFinished ? r.FinishedAt : null, r.IsFinished ? Math.Round(r.Duration.TotalSeconds, 3) : null,
            r.WorkloadsOk, r.WorkloadsFailed, r.RowsWritten, r.UpstreamCalls, r.FirstDay, r.LastDay, r.Errors)
        {
            Shards = r.Shards is { } shards ? new ShardCountsDto(shards.Expected, shards.Succeeded, shards.Failed) : null,
        }).ToList()));
    }
}
