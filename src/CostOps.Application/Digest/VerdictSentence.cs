using System.Globalization;

namespace CostOps.Application.Digest;

/// <summary>The one plain sentence per workload that says what would change its verdict.</summary>
internal static class VerdictSentence
{
    public static string For(WorkloadState state, decimal? demandRatio, decimal? breakEvenRequestsPerMonth)
    {
        switch (state)
        {
            case WorkloadState.NoData:
                return breakEvenRequestsPerMonth is { } known
                    ? $"Demand was not measured this week; self-hosting breaks even at {Requests(known)} requests/month."
                    : "No data this week, so there is no verdict to change until telemetry arrives.";
            case WorkloadState.NeverBreaksEven:
                return "Self-hosting never breaks even at current prices: only a cheaper GPU rate, more throughput per instance or a higher API price would change that.";
        }

        var ratio = demandRatio!.Value;
        var breakEven = Requests(breakEvenRequestsPerMonth!.Value);
        if (ratio <= 0m)
        {
            return $"There was no demand; it must reach {breakEven} requests/month for self-hosting to break even.";
        }
        return state == WorkloadState.AboveBreakEven
            ? $"Demand can fall {Percent(1m - (1m / ratio))} (to {breakEven} requests/month) before self-hosting stops paying."
            : $"Demand must rise {Percent((1m / ratio) - 1m)} (to {breakEven} requests/month) for self-hosting to break even.";
    }

    private static string Requests(decimal requests) =>
        decimal.Round(requests, 0, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(decimal share)
    {
        var percent = decimal.Round(share * 100m, 0, MidpointRounding.AwayFromZero);
        return percent < 1m ? "less than 1%" : percent.ToString("0", CultureInfo.InvariantCulture) + "%";
    }
}
