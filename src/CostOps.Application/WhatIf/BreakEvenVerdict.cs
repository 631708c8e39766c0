using System.Globalization;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.WhatIf;

/// <summary>The what-if's answer in one sentence, for people.</summary>
public static class BreakEvenVerdict
{
    public static string Describe(WhatIfScenario scenario, BreakEvenResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        var requests = scenario.Traffic.RequestsPerMonth;
        var at = $"at {Volume(requests)}";
        var savings = result.MonthlySavings.RoundToCents();
        var outcome = savings.Usd switch
        {
            > 0m => $"{at} it saves {savings}/month",
            < 0m => $"{at} it costs {(-savings)}/month more than the API",
            _ => $"{at} both cost the same",
        };
        var capacity = result.CapacityExceeded
            ? $"; {Volume(requests)} requests/month exceed what {scenario.SelfHosted.Instances.Max} instance(s) can serve"
            : "";
        return result.BreakEvenRequestsPerMonth is { } breakEven
            ? $"self-hosting breaks even at {Volume(breakEven)} requests/month; {outcome}{capacity}"
            : $"self-hosting never breaks even at these prices; {outcome}{capacity}";
    }

    /// <summary>Whole numbers without decimals, fractional volumes with two.</summary>
    public static string Volume(decimal requests) =>
        requests == Math.Round(requests)
            ? requests.ToString("#,##0", CultureInfo.InvariantCulture)
            : requests.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
