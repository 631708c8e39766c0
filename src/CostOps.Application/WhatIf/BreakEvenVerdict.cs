using System.Globalization;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.WhatIf;

/// <summary>
/// The what-if's answer in one sentence, for people. Requests are whole in text (the JSON keeps the exact figures):
/// a break-even is rounded up (the first whole request count at which self-hosting is no dearer), a capacity down
/// (what an instance can fully serve), any other volume to the nearest.
/// </summary>
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
        return result.BreakEvenRequestsPerMonth switch
        {
            0m => $"self-hosting is cheaper at any volume; {outcome}{capacity}",
            { } breakEven => $"self-hosting breaks even at {BreakEven(breakEven)} requests/month; {outcome}{capacity}",
            null => $"self-hosting never breaks even at these prices; {outcome}{capacity}",
        };
    }

    /// <summary>A volume of requests, whole, with thousands separators ("73,000").</summary>
    public static string Volume(decimal requests) => Whole(Math.Round(requests, MidpointRounding.AwayFromZero));

    /// <summary>A break-even volume, rounded up to the first whole request count that reaches it.</summary>
    public static string BreakEven(decimal requests) => Whole(Math.Ceiling(requests));

    /// <summary>What one instance can serve, rounded down to whole requests.</summary>
    public static string Capacity(decimal requests) => Whole(Math.Floor(requests));

    /// <summary>The 36-month figures' growth assumption in words ("+5%/month", or "flat demand").</summary>
    public static string Growth(TrafficProfile traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        return traffic.GrowthPerMonth == 0m
            ? "flat demand"
            : (traffic.GrowthPerMonth * 100m).ToString("+0.##;-0.##", CultureInfo.InvariantCulture) + "%/month growth";
    }

    private static string Whole(decimal requests) => requests.ToString("#,##0", CultureInfo.InvariantCulture);
}
