using System.Text.Json;
using System.Text.Json.Nodes;
using CostOps.Application.Catalog;
using CostOps.Application.Json;
using CostOps.Application.Ports;
using CostOps.Application.WhatIf;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>POST /api/breakeven</c> (BreakEven): the what-if of <c>costops breakeven</c>, same JSON in and
/// out, plus an optional sensitivity analysis, or a workload's observed profile with overrides.
/// </summary>
public sealed class BreakEvenFunction(PriceBook priceBook, WorkloadCatalog catalog, IDailyTcoStore store, TimeProvider time)
{
    /// <summary>Days of stored rows behind a workload's observed profile (the trailing window of the nightly TCO).</summary>
    public const int ObservedDays = 7;

    private static readonly string[] s_controlFields = ["sensitivity", "workloadId", "asOf"];

    [Function("BreakEven")]
    public async Task<Results<JsonHttpResult<JsonObject>, ValidationProblem, ProblemHttpResult>> EvaluateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "breakeven")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        using var body = await JsonBody.ReadAsync(request, required: true, cancellationToken);
        if (body.Rejected is { } rejected)
        {
            return rejected;
        }
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        var root = body.Document!.RootElement;
        var control = new FieldErrors();
        var reader = JsonObjectReader.ForObject(root, "", control);
        if (reader is null)
        {
            return ApiProblems.Invalid(control.Errors);
        }
        var sensitivity = reader.ReadBoolean("sensitivity") ?? false;
        var workloadId = reader.ReadString("workloadId");
        var asOf = reader.ReadDate("asOf");
        if (workloadId is not null && catalog.Find(workloadId) is null && !control.Any)
        {
            return ApiProblems.NotFound("workloadId", $"'{workloadId}' is not in the workload catalog");
        }
        if (workloadId is null && asOf is not null)
        {
            control.Add("asOf", "only applies together with workloadId");
        }

        WhatIfScenario? scenario = null;
        JsonObject? effective = null;
        ObservedScenario? observed = null;
        var errors = new List<FieldError>(control.Errors);
        try
        {
            if (workloadId is null)
            {
                scenario = ScenarioReader.Read(root, priceBook, s_controlFields);
            }
            else if (!control.Any)
            {
                var days = DayRange.Trailing(asOf ?? DayRange.Yesterday(time), ObservedDays);
                var rows = await store.GetRangeAsync(workloadId, days, cancellationToken);
                observed = ObservedScenario.From(catalog.Find(workloadId)!, days, rows);
                scenario = observed.Apply(Overrides(root), priceBook, out effective);
            }
        }
        catch (DomainValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }
        if (errors.Count > 0 || scenario is null)
        {
            return ApiProblems.Invalid(errors);
        }

        BreakEvenResult result;
        IReadOnlyList<SensitivityPoint>? points;
        try
        {
            result = BreakEvenCalculator.Evaluate(scenario);
            points = sensitivity ? BreakEvenSensitivity.Analyze(scenario) : null;
        }
        catch (DomainValidationException ex)
        {
            return ApiProblems.Invalid(ex.Errors);
        }

        // The CLI's JSON, untouched, so both answer the same bytes; extras only when asked for.
        var json = BreakEvenJson.ToJson(result);
        if (points is not null)
        {
            json["sensitivity"] = JsonSerializer.SerializeToNode(Sensitivity(result, points), ApiJsonContext.Default.BreakEvenSensitivityOutput);
        }
        if (observed is not null)
        {
            json["scenario"] = effective;
            var window = observed.Window;
            json["observed"] = JsonSerializer.SerializeToNode(
                new ObservedProfileOutput(
                    window.WorkloadId, window.Days.From, window.Days.To, window.DaysWithRows, window.DaysWithDemand,
                    ApiNumbers.Round(window.ProjectedRequestsPerMonth, ApiNumbers.Volume), window.GpuHourlySource, observed.Unmeasured),
                ApiJsonContext.Default.ObservedProfileOutput);
        }
        return TypedResults.Json(json, ApiJsonContext.Default.JsonObject);
    }

    /// <summary>The body without the fields that steer the request: what is left overrides the observed scenario.</summary>
    private static JsonObject Overrides(JsonElement root)
    {
        // Parsed afresh, not wrapped: the answer is written after the request's document is disposed.
        var overrides = JsonNode.Parse(root.GetRawText())!.AsObject();
        foreach (var name in s_controlFields)
        {
            overrides.Remove(name);
        }
        return overrides;
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
