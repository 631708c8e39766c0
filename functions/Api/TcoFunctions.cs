using CostOps.Application.Jobs;
using CostOps.Application.Requests;
using CostOps.Application.Results;
using CostOps.Application.Verdicts;
using CostOps.Domain.Time;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>POST /api/tco/recalculate</c> (TcoRecalculate) and <c>GET /api/tco/{workloadId}</c> (TcoRead):
/// recompute and store now, and read the stored rows with a summary.
/// </summary>
public sealed class TcoFunctions(RecalculateTcoCommand recalculate, TcoRangeQuery read)
{
    [Function("TcoRecalculate")]
    public async Task<IResult> RecalculateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tco/recalculate")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.BindAsync(request, required: false, RecalculateRequest.Bind, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var outcome = await recalculate.RunAsync(body.Value!, cancellationToken);
        if (!outcome.IsOk)
        {
            return ApiProblems.For(outcome, outcome.Value is { } failed
                ? new Dictionary<string, object?> { ["runId"] = failed.Run.RunId, ["problems"] = failed.Run.Errors }
                : null);
        }
        var report = outcome.Value!;
        var run = report.Run;
        return TypedResults.Ok(new RecalculateResponse(
            run.RunId,
            StatusName(run.Status),
            run.FirstDay!.Value,
            run.LastDay!.Value,
            run.StartedAt,
            run.FinishedAt,
            run.WorkloadsOk,
            run.WorkloadsFailed,
            run.RowsWritten,
            run.UpstreamCalls,
            report.Workloads.Select(w => new WorkloadRunOutcome(w.WorkloadId, w.Succeeded, w.RowsWritten, w.Problems)).ToList(),
            report.Rows.Select(DailyTcoRow.From).ToList()));
    }

    [Function("TcoRead")]
    public async Task<IResult> ReadAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tco/{workloadId}")] HttpRequest request,
        string workloadId,
        CancellationToken cancellationToken)
    {
        var outcome = await read.ReadAsync(new TcoRangeRequest(workloadId, request.Query["from"], request.Query["to"]), cancellationToken);
        if (outcome.Value is not { } range)
        {
            return ApiProblems.For(outcome);
        }
        return TypedResults.Ok(new TcoRangeResponse(
            range.WorkloadId, range.Days.From, range.Days.To, Summarize(range.WorkloadId, range.Days, range.Rows, range.LastNight), range.Rows.Select(DailyTcoRow.From).ToList()));
    }

    /// <param name="lastNight">The newest night that can have data (yesterday, UTC): later days of the range are not "without data" yet.</param>
    internal static TcoSummary Summarize(string workloadId, DayRange days, IReadOnlyList<DailyTcoRecord> rows, DateOnly lastNight)
    {
        var stored = rows.Select(r => r.Tco.Day).ToHashSet();
        var missing = days.EachDay().Where(d => !stored.Contains(d)).ToList();
        var tcos = rows.Select(r => r.Tco).ToList();
        var withSavings = tcos.Where(t => t.Savings is not null).ToList();
        var totals = new TcoTotals(
            Sum(tcos.Select(t => t.Requests), 0),
            Sum(tcos.Select(t => t.ApiRequests), 0),
            Sum(tcos.Select(t => t.SelfHostedCost?.Usd), ApiNumbers.Money),
            Sum(tcos.Select(t => t.ApiEquivalentCost?.Usd), ApiNumbers.Money),
            Sum(tcos.Select(t => t.ApiActualCost?.Usd), ApiNumbers.Money),
            Sum(withSavings.Select(t => t.Savings?.Usd), ApiNumbers.Money),
            withSavings.Count);
        // The same rule as GET /api/workloads: the latest night with data, and the newer nights of the range without.
        var nights = new DayRange(days.From, days.To > lastNight && days.From <= lastNight ? lastNight : days.To);
        var verdict = WorkloadVerdict.Of(workloadId, rows, nights);
        var latest = verdict.Row?.Tco is { } day
            ? new TcoLatest(
                day.Day,
                ApiNumbers.Round(day.BreakEvenRequestsPerMonth, ApiNumbers.Volume),
                ApiNumbers.Round(day.DemandRatio, ApiNumbers.Ratio),
                day.NeverBreaksEven,
                day.Verdict.Name())
            : null;
        var completeness = tcos.Count == 0
            ? null
            : new CompletenessSummary(
                ApiNumbers.Round(tcos.Min(t => t.Completeness), ApiNumbers.Ratio),
                ApiNumbers.Round(tcos.Average(t => t.Completeness), ApiNumbers.Ratio));
        return new TcoSummary(days.Days, stored.Count, missing, totals, latest, VerdictOutput.From(verdict), completeness);
    }

    internal static string StatusName(JobStatus status) => status switch
    {
        JobStatus.Succeeded => "succeeded",
        JobStatus.Partial => "partial",
        JobStatus.Running => "running",
        JobStatus.Abandoned => "abandoned",
        _ => "failed",
    };

    private static decimal? Sum(IEnumerable<decimal?> values, int decimals)
    {
        decimal? total = null;
        foreach (var value in values)
        {
            if (value is { } known)
            {
                total = (total ?? 0m) + known;
            }
        }
        return ApiNumbers.Round(total, decimals);
    }
}
