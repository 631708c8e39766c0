using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Json;
using CostOps.Application.Nightly;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>POST /api/tco/recalculate</c> (TcoRecalculate) and <c>GET /api/tco/{workloadId}</c> (TcoRead):
/// recompute and store now, and read the stored rows with a summary.
/// </summary>
public sealed class TcoFunctions(WorkloadCatalog catalog, TcoRecalculation recalculation, IDailyTcoStore store, TimeProvider time)
{
    /// <summary>Days one recalculation may cover.</summary>
    public const int MaxRecalculateDays = 31;

    /// <summary>Workloads one recalculation may cover.</summary>
    public const int MaxRecalculateWorkloads = 50;

    /// <summary>Days one read may cover.</summary>
    public const int MaxReadDays = 366;

    /// <summary>Days a read covers when <c>from</c> is not given.</summary>
    public const int DefaultReadDays = 30;

    [Function("TcoRecalculate")]
    public async Task<Results<Ok<RecalculateResponse>, ValidationProblem, ProblemHttpResult>> RecalculateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tco/recalculate")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        using var body = await JsonBody.ReadAsync(request, required: false, cancellationToken);
        if (body.Rejected is { } rejected)
        {
            return rejected;
        }
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }

        var errors = new FieldErrors();
        IReadOnlyList<string>? ids = null;
        DateOnly? from = null, to = null;
        if (body.Document is { } document && JsonObjectReader.ForObject(document.RootElement, "", errors) is { } reader)
        {
            ids = reader.ReadStringArray("workloadIds");
            from = reader.ReadDate("from");
            to = reader.ReadDate("to");
            reader.RejectUnknownFields();
        }
        WorkloadIdsField.Check(ids, catalog, "recompute every workload", errors);
        ids = ids?.Distinct(StringComparer.Ordinal).ToList();
        // Only whole past UTC days are computed (the use case enforces it too); answered here as a 400 naming the field.
        var yesterday = DayRange.Yesterday(time);
        var last = to ?? from ?? yesterday;
        var first = from ?? last;
        foreach (var refusal in PastDays.Check(new DayRange(first, first > last ? first : last), yesterday, "from", "to"))
        {
            errors.Add(refusal.Field, refusal.Message);
        }
        if (first > last)
        {
            errors.Add("from", $"must be on or before to ({last:yyyy-MM-dd}) (was {first:yyyy-MM-dd})");
        }
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.Errors);
        }

        var days = new DayRange(first, last);
        var workloadCount = ids?.Count ?? catalog.Workloads.Count;
        var over = new List<FieldError>();
        if (days.Days > MaxRecalculateDays)
        {
            over.Add(new FieldError("to", $"the range {days} covers {days.Days} days; at most {MaxRecalculateDays} days per call"));
        }
        if (workloadCount > MaxRecalculateWorkloads)
        {
            over.Add(new FieldError("workloadIds", ids is null
                ? $"the catalog holds {workloadCount} workloads; name at most {MaxRecalculateWorkloads} per call"
                : $"{workloadCount} workloads named; at most {MaxRecalculateWorkloads} per call"));
        }
        if (over.Count > 0)
        {
            return ApiProblems.OverLimit(over, new Dictionary<string, object?>
            {
                ["maxDays"] = MaxRecalculateDays,
                ["maxWorkloads"] = MaxRecalculateWorkloads,
            });
        }

        // The run is bounded by the limits above; once started it finishes and records itself even if
        // the caller stops waiting, like the nightly run (a half-written range without a Runs row is worse).
        var report = await recalculation.RunAsync(new TcoRunRequest(ids, days, "http", TcoRecalculation.HttpJobName), cancellationToken: CancellationToken.None);
        var run = report.Run;
        if (run.Status == JobStatus.Failed)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status502BadGateway,
                Title = "The recalculation failed for every workload.",
                Detail = string.Join("; ", run.Errors),
                Extensions = { ["runId"] = run.RunId, ["upstream"] = "telemetry", ["errors"] = run.Errors },
            });
        }
        return TypedResults.Ok(new RecalculateResponse(
            run.RunId,
            StatusName(run.Status),
            days.From,
            days.To,
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
    public async Task<Results<Ok<TcoRangeResponse>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tco/{workloadId}")] HttpRequest request,
        string workloadId,
        CancellationToken cancellationToken)
    {
        if (catalog.Find(workloadId) is null)
        {
            return ApiProblems.NotFound("workloadId", $"'{workloadId}' is not in the workload catalog");
        }
        var errors = new FieldErrors();
        var first = QueryValues.Date(request.Query["from"], "from", errors);
        var last = QueryValues.Date(request.Query["to"], "to", errors);
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.Errors);
        }
        var yesterday = DayRange.Yesterday(time);
        last ??= first is { } f && f > yesterday ? f : yesterday;
        first ??= last.Value.AddDays(1 - DefaultReadDays);
        if (first > last)
        {
            return ApiProblems.Invalid("from", $"must be on or before to ({last:yyyy-MM-dd}) (was {first:yyyy-MM-dd})");
        }
        var days = new DayRange(first.Value, last.Value);
        if (days.Days > MaxReadDays)
        {
            return ApiProblems.Invalid("to", $"the range {days} covers {days.Days} days; at most {MaxReadDays} days per call");
        }

        var rows = await store.GetRangeAsync(workloadId, days, cancellationToken);
        return TypedResults.Ok(new TcoRangeResponse(workloadId, days.From, days.To, Summarize(days, rows), rows.Select(DailyTcoRow.From).ToList()));
    }

    internal static TcoSummary Summarize(DayRange days, IReadOnlyList<DailyTcoRecord> rows)
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
        var latest = tcos.LastOrDefault(Verdicts.HasVerdict) is { } day
            ? new TcoLatest(
                day.Day,
                ApiNumbers.Round(day.BreakEvenRequestsPerMonth, ApiNumbers.Volume),
                ApiNumbers.Round(day.DemandRatio, ApiNumbers.Ratio),
                day.NeverBreaksEven,
                Verdicts.For(day))
            : null;
        var completeness = tcos.Count == 0
            ? null
            : new CompletenessSummary(
                ApiNumbers.Round(tcos.Min(t => t.Completeness), ApiNumbers.Ratio),
                ApiNumbers.Round(tcos.Average(t => t.Completeness), ApiNumbers.Ratio));
        return new TcoSummary(days.Days, stored.Count, missing, totals, latest, completeness);
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
