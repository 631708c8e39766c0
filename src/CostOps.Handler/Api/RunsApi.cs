using System.ComponentModel;
using System.Text.RegularExpressions;
using CostOps.Application.Ports;
using CostOps.Domain.Validation;
using CostOps.Handler.Api.Dtos;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CostOps.Handler.Api;

/// <summary><c>GET /api/runs?job=&amp;top=</c> (function Runs): recent job runs from the Runs table.</summary>
public static partial class RunsApi
{
    public const int DefaultTop = 20;
    public const int MaxTop = 100;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs", ListAsync)
            .WithTags("Runs")
            .WithName("ListRuns")
            .WithSummary("Recent job runs, newest first")
            .WithDescription(
                $"The newest 'top' runs (1..{MaxTop}, default {DefaultTop}) of 'job' (e.g. NightlyTco, {TcoApi.RecalculateJob}), " +
                "or of every job when 'job' is not given.")
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal static async Task<Results<Ok<RunsResponse>, ValidationProblem>> ListAsync(
        [FromQuery, Description("A job name, e.g. NightlyTco or TcoRecalculate; default: every job.")] string? job,
        [FromQuery, Description("How many runs, 1..100; default 20.")] string? top, IRunStore runs, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var count = QueryValues.Integer(top, "top", 1, MaxTop, DefaultTop, errors);
        if (!string.IsNullOrEmpty(job) && !JobName().IsMatch(job))
        {
            errors.Add("job", $"must be a job name: a letter, then up to 63 letters, digits, '-' or '_' (was '{job}')");
        }
        if (errors.Any)
        {
            return Problems.ApiProblems.Invalid(errors.Errors);
        }
        var jobName = string.IsNullOrEmpty(job) ? null : job;
        var list = await runs.ListAsync(jobName, count, cancellationToken);
        return TypedResults.Ok(new RunsResponse(jobName, count, list.Select(r => new RunSummary(
            r.Job, r.RunId, r.Trigger, TcoApi.StatusName(r.Status), r.StartedAt, r.FinishedAt, Math.Round(r.Duration.TotalSeconds, 3),
            r.WorkloadsOk, r.WorkloadsFailed, r.RowsWritten, r.UpstreamCalls, r.FirstDay, r.LastDay, r.Errors)).ToList()));
    }
}
