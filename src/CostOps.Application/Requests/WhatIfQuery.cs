using System.Text.Json;
using System.Text.Json.Nodes;
using CostOps.Application.Catalog;
using CostOps.Application.Json;
using CostOps.Application.Ports;
using CostOps.Application.WhatIf;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.Requests;

/// <summary>What a what-if request produced.</summary>
/// <param name="Result">The break-even evaluation of the scenario.</param>
/// <param name="Sensitivity">Break-even at ±25% of each factor; null when not asked for.</param>
/// <param name="Observed">The workload's observed profile; null when the scenario was given in full.</param>
/// <param name="Scenario">The merged scenario that was evaluated; null when the scenario was given in full.</param>
public sealed record WhatIfAnswer(BreakEvenResult Result, IReadOnlyList<SensitivityPoint>? Sensitivity, ObservedScenario? Observed, JsonObject? Scenario);

/// <summary>
/// <c>POST /api/breakeven</c> as a query: a scenario in the format of <c>costops breakeven --scenario</c>, or with
/// <c>workloadId</c> (and <c>asOf</c>) a workload's observed profile with the rest of the body merged onto it as an
/// RFC 7396 JSON Merge Patch; <c>sensitivity</c> adds the ±25% analysis.
/// </summary>
public sealed class WhatIfQuery(Domain.Pricing.PriceBook priceBook, WorkloadCatalog catalog, IDailyTcoStore store, TimeProvider time)
{
    /// <summary>Days of stored rows behind a workload's observed profile (the trailing window of the nightly TCO).</summary>
    public const int ObservedDays = 7;

    /// <summary>The fields that steer the request; every other field is the scenario (or overrides it).</summary>
    public static readonly IReadOnlyList<string> ControlFields = ["sensitivity", "workloadId", "asOf"];

    /// <summary>Evaluates the body, or answers every problem with it naming the field (404 for an unknown workload).</summary>
    public async Task<RequestOutcome<WhatIfAnswer>> EvaluateAsync(JsonElement body, CancellationToken cancellationToken = default)
    {
        var control = new FieldErrors();
        if (JsonObjectReader.ForObject(body, "", control) is not { } reader)
        {
            return RequestOutcome<WhatIfAnswer>.Invalid(control.Errors);
        }
        var sensitivity = reader.ReadBoolean("sensitivity") ?? false;
        var workloadId = reader.ReadString("workloadId");
        var asOf = reader.ReadDate("asOf");
        if (workloadId is not null && catalog.Find(workloadId) is null && !control.Any)
        {
            return RequestOutcome<WhatIfAnswer>.NotFound("workloadId", $"'{workloadId}' is not in the workload catalog");
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
                scenario = ScenarioReader.Read(body, priceBook, ControlFields);
            }
            else if (!control.Any)
            {
                var days = DayRange.Trailing(asOf ?? DayRange.Yesterday(time), ObservedDays);
                var rows = await store.GetRangeAsync(workloadId, days, cancellationToken);
                observed = ObservedScenario.From(catalog.Find(workloadId)!, days, rows);
                scenario = observed.Apply(Overrides(body), priceBook, out effective);
            }
        }
        catch (DomainValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }
        if (errors.Count > 0 || scenario is null)
        {
            return RequestOutcome<WhatIfAnswer>.Invalid(errors);
        }

        try
        {
            var result = BreakEvenCalculator.Evaluate(scenario);
            var points = sensitivity ? BreakEvenSensitivity.Analyze(scenario) : null;
            return RequestOutcome<WhatIfAnswer>.Ok(new WhatIfAnswer(result, points, observed, effective));
        }
        catch (DomainValidationException ex)
        {
            return RequestOutcome<WhatIfAnswer>.Invalid(ex.Errors);
        }
    }

    /// <summary>The body without the fields that steer the request: what is left overrides the observed scenario.</summary>
    private static JsonObject Overrides(JsonElement root)
    {
        // Parsed afresh, not wrapped: the answer is written after the request's document is disposed.
        var overrides = JsonNode.Parse(root.GetRawText())!.AsObject();
        foreach (var name in ControlFields)
        {
            overrides.Remove(name);
        }
        return overrides;
    }
}
