using System.Text.Json;
using System.Text.Json.Nodes;
using CostOps.Application.Json;
using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.WhatIf;

/// <summary>
/// The what-if result as JSON: one object, camelCase, nulls where docs/economics.md says there is no
/// figure. The CLI (<c>--format json</c>) and <c>POST /api/breakeven</c> both write through here, so
/// they return the same bytes for the same scenario. Money is rounded to cents (per request to
/// 1e-6 USD), volumes to 2 decimals, ratios to 4.
/// </summary>
public static class BreakEvenJson
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public static JsonObject ToJson(BreakEvenResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["apiCostPerRequest"] = JsonNumbers.Round(result.ApiCostPerRequest.Usd, 6),
            ["apiMonthlyCost"] = Cents(result.ApiMonthlyCost),
            ["selfHostedMonthlyCost"] = Cents(result.SelfHostedMonthlyCost),
            ["monthlySavings"] = Cents(result.MonthlySavings),
            ["instancesNeeded"] = result.InstancesNeeded,
            ["capacityExceeded"] = result.CapacityExceeded,
            ["capacityPerInstanceRequestsPerMonth"] = JsonNumbers.Round(result.CapacityPerInstance, 2),
            ["breakEvenRequestsPerMonth"] = JsonNumbers.Round(result.BreakEvenRequestsPerMonth, 2),
            ["breakEvenTokensPerMonth"] = JsonNumbers.Round(result.BreakEvenTokensPerMonth, 0),
            ["utilizationAtBreakEven"] = JsonNumbers.Round(result.UtilizationAtBreakEven, 4),
            ["paybackMonths"] = JsonNumbers.Round(result.PaybackMonths, 2),
            ["tco3Years"] = new JsonObject
            {
                ["selfHosted"] = Cents(result.Tco3Years.SelfHosted),
                ["api"] = Cents(result.Tco3Years.Api),
            },
            ["qualityAdjusted"] = result.QualityAdjusted is { } quality
                ? new JsonObject
                {
                    ["selfHostedPerSuccessfulRequest"] = JsonNumbers.Round(quality.SelfHostedPerSuccessfulRequest?.Usd, 6),
                    ["apiPerSuccessfulRequest"] = JsonNumbers.Round(quality.ApiPerSuccessfulRequest?.Usd, 6),
                }
                : null,
        };
    }

    public static string Serialize(BreakEvenResult result) => ToJson(result).ToJsonString(s_indented);

    private static decimal Cents(Money money) => JsonNumbers.Round(money.Usd, 2);
}
