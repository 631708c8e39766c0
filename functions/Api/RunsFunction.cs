using System.Text.RegularExpressions;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Domain.Validation;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary><c>GET /api/runs?job=&amp;top=</c> (Runs): recent job runs from the Runs table.</summary>
public sealed partial class RunsFunction(IRunStore runs, RunLiveness liveness)
{
    public const int DefaultTop = 20;
    public const int MaxTop = 100;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();

    [Function("Runs")]
    public async Task<Results<Ok<RunsResponse>, ValidationProblem>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        string? job = request.Query["job"];
        string? top = request.Query["top"];
        var errors = new FieldErrors();
        var count = QueryValues.Integer(top, "top", 1, MaxTop, DefaultTop, errors);
        if (!string.IsNullOrEmpty(job) && !JobName().IsMatch(job))
        {
            errors.Add("job", $"must be a job name: a letter, then up to 63 letters, digits, '-' or '_' (was '{job}')");
        }
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.Errors);
        }
        var jobName = string.IsNullOrEmpty(job) ? null : job;
        // A Running row older than the function timeout is shown as abandoned; an unfinished run has no end time.
        var list = (await runs.ListAsync(jobName, count, cancellationToken)).Select(liveness.Seen);
        return TypedResults.Ok(new RunsResponse(jobName, count, list.Select(r => new RunSummary(
            r.Job, r.RunId, r.Trigger, TcoFunctions.StatusName(r.Status), r.StartedAt,
            r.IsFinished ? r.FinishedAt : null, r.IsFinished ? Math.Round(r.Duration.TotalSeconds, 3) : null,
            r.WorkloadsOk, r.WorkloadsFailed, r.RowsWritten, r.UpstreamCalls, r.FirstDay, r.LastDay, r.Errors)
        {
            Shards = r.Shards is { } shards ? new ShardCountsDto(shards.Expected, shards.Succeeded, shards.Failed) : null,
        }).ToList()));
    }
}
