using System.Globalization;
using CostOps.Domain.Observed;

namespace CostOps.Application.Digest;

/// <summary>The one plain sentence per workload that says what would change its verdict.</summary>
internal static class VerdictSentence
{
    public static string For(Verdict verdict, decimal? demandRatio, decimal? breakEvenRequestsPerMonth)
    {
        switch (verdict)
        {
            case Verdict.NoData:
                return "No verdict: no night of the two weeks had data, so there is nothing to change until telemetry arrives.";
            case Verdict.NeverBreaksEven:
                return "Self-hosting never breaks even at current prices: only a cheaper GPU rate, more throughput per instance or a higher API price would change that.";
        }
        if (demandRatio is not { } ratio || breakEvenRequestsPerMonth is not { } breakEvenVolume || breakEvenVolume <= 0m)
        {
            return "Self-hosting is cheaper at any volume at current prices: only a higher GPU rate or a cheaper API would change that.";
        }
        var breakEven = Requests(breakEvenVolume);
        if (ratio <= 0m)
        {
            return $"There was no demand; it must reach {breakEven} requests/month for self-hosting to break even.";
        }
        return verdict == Verdict.AboveBreakEven
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
