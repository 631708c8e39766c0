using System.Text.Json;
using CostOps.Application.Requests;
using CostOps.Application.WhatIf;
using CostOps.Domain.WhatIf;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>POST /api/breakeven</c> (BreakEven): the what-if of <c>costops breakeven</c>, same JSON in and
/// out, plus an optional sensitivity analysis, or a workload's observed profile with overrides.
/// </summary>
public sealed class BreakEvenFunction(WhatIfQuery whatIf)
{
    [Function("BreakEven")]
    public async Task<IResult> EvaluateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "breakeven")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        // The scenario is read field by field by the what-if (strictly, merge-patch aware), so the body binds as JSON.
        var body = await JsonBody.BindAsync(request, required: true, (root, _) => root!.Value.Clone(), cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var outcome = await whatIf.EvaluateAsync(body.Value, cancellationToken);
        if (outcome.Value is not { } answer)
        {
            return ApiProblems.For(outcome);
        }

        // The CLI's JSON, untouched, so both answer the same bytes; extras only when asked for.
        var json = BreakEvenJson.ToJson(answer.Result);
        if (answer.Sensitivity is { } points)
        {
            json["sensitivity"] = JsonSerializer.SerializeToNode(Sensitivity(answer.Result, points), ApiJsonContext.Default.BreakEvenSensitivityOutput);
        }
        if (answer.Observed is { } observed)
        {
            json["scenario"] = answer.Scenario;
            var window = observed.Window;
            json["observed"] = JsonSerializer.SerializeToNode(
                new ObservedProfileOutput(
                    window.WorkloadId, window.Days.From, window.Days.To, window.DaysWithRows, window.DaysWithDemand,
                    ApiNumbers.Round(window.ProjectedRequestsPerMonth, ApiNumbers.Volume), window.GpuHourlySource, observed.Unmeasured),
                ApiJsonContext.Default.ObservedProfileOutput);
        }
        return TypedResults.Json(json, ApiJsonContext.Default.JsonObject);
    }

    private static BreakEvenSensitivityOutput Sensitivity(BreakEvenResult baseline, IReadOnlyList<SensitivityPoint> points)
    {
        var baseBreakEven = baseline.BreakEvenRequestsPerMonth;
        return new BreakEvenSensitivityOutput(
            BreakEvenSensitivity.DefaultChange,
            ApiNumbers.Round(baseBreakEven, ApiNumbers.Volume),
            points.Select(p => new SensitivityPointOutput(
                FactorName(p.Factor),
                p.Change,
                ApiNumbers.Round(p.Result.BreakEvenRequestsPerMonth, ApiNumbers.Volume),
                p.Result.BreakEvenRequestsPerMonth is { } moved && baseBreakEven is > 0m
                    ? ApiNumbers.Round((moved / baseBreakEven.Value) - 1m, ApiNumbers.Ratio)
                    : null,
                ApiNumbers.Round(p.Result.MonthlySavings.Usd, 2),
                p.Result.NeverBreaksEven)).ToList());
    }

    private static string FactorName(SensitivityFactor factor) => factor switch
    {
        SensitivityFactor.ApiPrice => "apiPrice",
        SensitivityFactor.GpuPrice => "gpuPrice",
        SensitivityFactor.TokensPerRequest => "tokensPerRequest",
        _ => "throughput",
    };
}
